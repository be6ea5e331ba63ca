/**
 * s390 KVM guest mappings (arch/s390/mm/gmap.c, v6.6 .. v6.18 shape; gone from the page-table
 * code in 2026) as far as they reach the host's PTE tables, for the PGSTE configuration
 * (`Declarations.PGSTE`, arch/s390/kvm.ts):
 *
 * - `__gmap_link(gmap, gaddr, vmaddr)` stores the host pmd's value (the origin of the host PTE
 *   table) into the guest's segment table and records `vmaddr >> PMD_SHIFT` in
 *   `gmap->host_to_guest`: from then on SIE walks the *host's* PTE table for that guest segment;
 * - `gmap_unlink(mm, table, vmaddr)`, called by `pte_free_tlb()` / `page_table_free_rcu()` for
 *   PGSTE mms, does `__gmap_unlink_by_vmaddr()` for every gmap of the mm: the host_to_guest
 *   entry goes and the guest segment entry becomes `_SEGMENT_ENTRY_EMPTY`, under
 *   `gmap->guest_table_lock`, with the gmap's TLB flushed;
 * - `s390_enable_sie()` → `thp_split_mm()` makes every VMA `VM_NOHUGEPAGE` and sets it in
 *   `mm->def_flags`: THP is forbidden for a PGSTE mm, so khugepaged and MADV_COLLAPSE leave it
 *   alone; the PGSTE adapters (arch/s390/kvm.ts) declare no THP (B12 is the hypothetical
 *   configuration with THP).
 *
 * The check: a host PTE table returns to the allocator only after no gmap points to it (a guest
 * segment entry still naming it is a secondary-MMU reference to a freed table: C-LT-2).
 *
 * Model simplifications: one gmap per mm; the gmap links every table present at setup (the
 * guest has touched its memory) and no later one (guest faults, `gmap_fault()`, are not
 * generated); the guest_table_lock and the gmap TLB flush are not modelled (the unlink is one
 * atomic step); gmap shadow tables (vSIE: `gmap_shadow_pgt()`, `page_table_alloc_pgste()`,
 * `gmap_unshadow_pgt()` → `page_table_free_pgste()`) belong to the gmap, not to the host mm, and
 * are not modelled; `gmap_pte_op_walk()` / `gmap_pte_op_end()` map and unmap host tables under
 * their ptl and free nothing (their map balance is C-MAP-12).
 */
import { PAGE_SIZE, type Page } from '../model/types';
import type { World } from '../model/world';
import { pmd_page_vaddr, pmdKind } from '../model/pmd';

/** Per run: guest segment entries, host pmd slot (`vmaddr >> PMD_SHIFT`) → host PTE table page. */
const gmaps = new WeakMap<World, Map<number, Page>>();

/** `__gmap_link()` for every table the mm has: run at setup for a PGSTE mm. */
export function gmap_link_tables(w: World): void {
  const links = new Map<number, Page>();
  w.mm.pmds.forEach((raw, slot) => {
    if (pmdKind(raw) !== 'table') return;
    const p = w.pageOfVa(pmd_page_vaddr(raw));
    if (p) links.set(slot, p);
  });
  gmaps.set(w, links);
}

/** `__gmap_unlink_by_vmaddr(gmap, vmaddr)` for the mm's gmap: clear the guest segment entry of that host pmd. */
export function gmap_unlink_vmaddr(w: World, vmaddr: number): void {
  const slot = Math.floor(vmaddr / (w.cfg.geometry.ptesPerTable * PAGE_SIZE));
  gmaps.get(w)?.delete(slot);
}

/** C-LT-2 when table page `p` returns to the allocator while a guest segment entry still points to it. */
export function checkGmapFree(w: World, p: Page): void {
  const links = gmaps.get(w);
  if (!links) return;
  for (const [slot, page] of links) {
    if (page !== p) continue;
    links.delete(slot);
    w.violate('C-LT-2', `${w.pageName(p)} freed while the KVM guest's gmap still points to it (guest segment of host pmd${slot}, no gmap_unlink()): SIE walks the freed table`);
    return;
  }
}
