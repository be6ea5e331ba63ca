/**
 * Xen PV page-table pinning, as the x86 Xen PV adapters' pv-ops see it (contracts C-XEN-1,
 * C-XEN-2). Kernel facts (arch/x86/xen/mmu_pv.c, torvalds/linux @ 03c11eb3, the same shape
 * from v4.x to 2026; Xen PV guests are x86_64 only since v5.9):
 *
 * - every page of a running mm's page tables is *pinned*: Xen validated it as a page table and
 *   the guest maps it read-only (`PagePinned`); `xen_enter_mmap()` pins the whole tree when
 *   the mm is first used, `xen_exit_mmap()` unpins it (pgd first) before `free_pgtables()`;
 * - `pmd_populate()` → `paravirt_alloc_pte(mm, pfn)` → `xen_alloc_pte()`: in a pinned mm, make
 *   the new table read-only (`__set_pfn_prot(pfn, PAGE_KERNEL_RO)`) and pin it as an L1 table
 *   (`MMUEXT_PIN_L1_TABLE` with split PTE ptlocks), `SetPagePinned`, *before* the pmd points to it;
 * - `___pte_free_tlb()` → `paravirt_release_pte(pfn)` → `xen_release_pte()`: after the pmd was
 *   cleared, if `PagePinned`: `MMUEXT_UNPIN_TABLE`, make it writable again
 *   (`__set_pfn_prot(pfn, PAGE_KERNEL)`), `ClearPagePinned`. The page may then be freed.
 *
 * What the hypervisor enforces becomes the model's checks: a page Xen still holds as a pinned
 * page table cannot be used as ordinary memory (it is read-only in the guest and its type count
 * is held), so it must not return to the allocator while pinned (C-XEN-1); and Xen refuses a
 * pmd update that points a validated table at a writable page, or a writable mapping of a page
 * a pinned table still references (C-XEN-2). The hypervisor's own view (pinned as L1,
 * mapped read-only) is kept apart from the guest's PG_pinned flag, so a pv-op that keeps the
 * flag right but skips or reorders a hypercall is caught where Xen would fail it: a pin of a
 * writable page, a second pin, an unpin of an unpinned page, a writable mapping of a pinned L1
 * table, a link of a writable table, a free of a page Xen still holds pinned or read-only.
 * The multicall batching (`xen_mc_batch()` /
 * `xen_mc_issue()`) is not modelled: each hypercall takes effect at once.
 */
import type { Mm } from '../model/mm';
import { pmd_page_vaddr, pmdKind } from '../model/pmd';
import { PAGE_SIZE, type Page } from '../model/types';
import { current, type World } from '../model/world';

/**
 * Per-run state: the guest's `PagePinned` flags, whether the mm's pgd is pinned, and the
 * hypervisor's own view of each page, which the flags only mirror: the pages pinned as L1 tables
 * (`MMUEXT_PIN_L1_TABLE` .. `MMUEXT_UNPIN_TABLE`) and the pages whose direct-map mapping is
 * read-only (`update_va_mapping` PAGE_KERNEL_RO .. PAGE_KERNEL).
 */
interface XenState {
  pinned: Set<Page>;
  /** The mms whose pgd Xen no longer holds pinned as an L4 table (every other mm's is pinned). */
  pgdUnpinned: WeakSet<Mm>;
  l1Pinned: Set<Page>;
  readOnly: Set<Page>;
}

const states = new WeakMap<World, XenState>();

function stateOf(w: World): XenState {
  let s = states.get(w);
  if (!s) {
    // The scenario's mm is running: xen_enter_mmap() pinned its pgd when it was first used; a
    // fork's child mm is pinned by arch_dup_mmap() (xen_enter_mmap(), v6.6: xen_dup_mmap()).
    s = { pinned: new Set(), pgdUnpinned: new WeakSet(), l1Pinned: new Set(), readOnly: new Set() };
    states.set(w, s);
  }
  return s;
}

/** The page of a pfn. */
function pfnPage(w: World, pfn: number): Page {
  const p = w.pageOfVa(pfn * PAGE_SIZE);
  if (!p) throw new Error(`pfn 0x${pfn.toString(16)} is not a page of the model`);
  return p;
}

/** Whether some pmd of the mm points to table page `p`. */
function linkedByPmd(w: World, p: Page): boolean {
  return w.mm.pmds.some((raw) => pmdKind(raw) === 'table' && Math.floor(pmd_page_vaddr(raw) / PAGE_SIZE) === p.pfn);
}

/** Whether Xen holds `mm`'s pgd pinned (the model's view of `xen_page_pinned(mm->pgd)`). */
function pgdPinned(s: XenState, mm: Mm): boolean {
  return !s.pgdUnpinned.has(mm);
}

/** `xen_page_pinned(mm->pgd)`: whether the mm's page-table tree is pinned. */
export function xen_pgd_pinned(mm: Mm): boolean {
  return pgdPinned(stateOf(current()), mm);
}

/**
 * `PagePinned(page)`. A `page` that is no struct page (a walk that read a word outside its
 * table page, `xen_pmd_walk()` one entry too far) is the kernel dereferencing garbage: an error.
 */
export function PagePinned(page: Page): boolean {
  if (typeof page !== 'object' || page === null) throw new Error(`PagePinned(${String(page)}): not a struct page (a page-table walk read outside its table page)`);
  return stateOf(current()).pinned.has(page);
}

/** `SetPagePinned(page)`. */
export function SetPagePinned(page: Page): void {
  const w = current();
  stateOf(w).pinned.add(page);
  const name = w.pageName(page);
  w.record(() => `SetPagePinned(${name})`, name);
}

/** `ClearPagePinned(page)`. */
export function ClearPagePinned(page: Page): void {
  const w = current();
  stateOf(w).pinned.delete(page);
  const name = w.pageName(page);
  w.record(() => `ClearPagePinned(${name})`, name);
}

/** The protections `__set_pfn_prot()` is given. */
export type XenPgprot = 'PAGE_KERNEL_RO' | 'PAGE_KERNEL';

/**
 * `__set_pfn_prot(pfn, prot)`: `MULTI_update_va_mapping` of the page's direct-map address.
 * Xen refuses the writable mapping (`PAGE_KERNEL`) of a page that a pinned tree still uses as
 * a page table (C-XEN-2).
 */
export function __set_pfn_prot(pfn: number, prot: XenPgprot): void {
  const w = current();
  const p = pfnPage(w, pfn);
  const name = w.pageName(p);
  w.record(() => `HYPERVISOR update_va_mapping(${name}, ${prot})`, name);
  const s = stateOf(w);
  if (prot === 'PAGE_KERNEL' && pgdPinned(s, w.mm) && linkedByPmd(w, p)) {
    w.violate('C-XEN-2', `${name} is made writable (update_va_mapping PAGE_KERNEL) while a pmd of the pinned mm still points to it: Xen refuses a writable mapping of a validated page table (the multicall fails, xen_mc_flush() warns)`);
  } else if (prot === 'PAGE_KERNEL' && s.l1Pinned.has(p)) {
    w.violate('C-XEN-2', `${name} is made writable (update_va_mapping PAGE_KERNEL) while Xen still holds it pinned as an L1 table (no MMUEXT_UNPIN_TABLE before): Xen refuses a writable mapping of a pinned page table (the multicall fails, xen_mc_flush() warns)`);
  }
  if (prot === 'PAGE_KERNEL_RO') s.readOnly.add(p);
  else s.readOnly.delete(p);
}

/** The `mmuext_op` commands the PTE level uses. */
export type MmuextCmd = 'MMUEXT_PIN_L1_TABLE' | 'MMUEXT_UNPIN_TABLE';

/** `__pin_pagetable_pfn(cmd, pfn)`: an `mmuext_op` pinning or unpinning an L1 table. */
export function __pin_pagetable_pfn(cmd: MmuextCmd, pfn: number): void {
  const w = current();
  const p = pfnPage(w, pfn);
  const name = w.pageName(p);
  w.record(() => `HYPERVISOR mmuext_op(${cmd}, ${name})`, name);
  // Xen's do_mmuext_op(): pinning validates the page as an L1 table, which fails while the guest
  // still maps it writable (get_page_type), and a page can be pinned only once; unpinning a page
  // that is not pinned fails too. The failed multicall is what xen_mc_flush() warns about.
  const s = stateOf(w);
  if (cmd === 'MMUEXT_PIN_L1_TABLE') {
    if (!s.readOnly.has(p)) w.violate('C-XEN-2', `MMUEXT_PIN_L1_TABLE of ${name} while the guest still maps it writable (no update_va_mapping PAGE_KERNEL_RO before): Xen's L1 validation fails, the pin hypercall fails`);
    else if (s.l1Pinned.has(p)) w.violate('C-XEN-2', `MMUEXT_PIN_L1_TABLE of ${name}, which Xen holds pinned already: the pin hypercall fails`);
    s.l1Pinned.add(p);
  } else {
    if (!s.l1Pinned.has(p)) w.violate('C-XEN-2', `MMUEXT_UNPIN_TABLE of ${name}, which Xen does not hold pinned: the unpin hypercall fails`);
    s.l1Pinned.delete(p);
  }
}

/**
 * `xen_pgd_unpin(mm)`'s first step (`xen_do_pin(MMUEXT_UNPIN_TABLE, pgd)`): the tree is no
 * longer validated as a whole; its pages are unpinned one by one afterwards.
 */
export function xen_unpin_pgd(mm: Mm): void {
  const w = current();
  const s = stateOf(w);
  if (!pgdPinned(s, mm)) w.violate('C-XEN-2', `MMUEXT_UNPIN_TABLE of mm#${mm.id}'s pgd, which Xen does not hold pinned: the unpin hypercall fails`);
  s.pgdUnpinned.add(mm);
  w.record(() => `HYPERVISOR mmuext_op(MMUEXT_UNPIN_TABLE, pgd of mm#${mm.id})`);
}

/** The table pages the mm's pmds point to (`xen_pmd_walk()`'s `pmd_page(pmd[i])` for each non-none pmd). */
export function xen_pmd_walk_pages(mm: Mm): Page[] {
  const w = current();
  const pages: Page[] = [];
  for (const raw of mm.pmds) {
    if (pmdKind(raw) !== 'table') continue;
    const p = w.pageOfVa(pmd_page_vaddr(raw));
    if (p) pages.push(p);
  }
  return pages;
}

/** C-XEN-2 right after `pmd_populate()` linked table page `p`: in a pinned mm it must be pinned. */
export function checkPinnedLink(w: World, p: Page): void {
  const s = stateOf(w);
  if (!pgdPinned(s, w.mm)) return;
  if (!s.pinned.has(p)) {
    w.violate('C-XEN-2', `pmd_populate() linked ${w.pageName(p)} into the pinned mm without pinning it first (paravirt_alloc_pte → xen_alloc_pte): Xen refuses a pmd that points a validated table at a writable page`);
  } else if (!s.readOnly.has(p)) {
    w.violate('C-XEN-2', `pmd_populate() linked ${w.pageName(p)} into the pinned mm while the guest still maps it writable (xen_alloc_pte() set PG_pinned without update_va_mapping PAGE_KERNEL_RO): Xen refuses a pmd that points a validated table at a writable page`);
  }
}

/** C-XEN-1 when table page `p` returns to the allocator: it must no longer be pinned. */
export function checkPinnedFree(w: World, p: Page): void {
  const s = states.get(w);
  if (!s) return;
  if (s.pinned.has(p)) {
    w.violate('C-XEN-1', `${w.pageName(p)} returned to the allocator while still pinned with Xen as an L1 page table (no paravirt_release_pte → xen_release_pte unpinned it): the page stays read-only and typed as a page table, so its next user faults or the hypervisor rejects it`);
  } else if (s.l1Pinned.has(p)) {
    w.violate('C-XEN-1', `${w.pageName(p)} returned to the allocator while Xen still holds it pinned as an L1 table (PG_pinned was cleared without MMUEXT_UNPIN_TABLE): its type count stays held, so the hypervisor rejects its next use`);
  } else if (s.readOnly.has(p)) {
    w.violate('C-XEN-1', `${w.pageName(p)} returned to the allocator still mapped read-only (PG_pinned was cleared without update_va_mapping PAGE_KERNEL): its next user's first write faults`);
  }
  s.pinned.delete(p);
  s.l1Pinned.delete(p);
  s.readOnly.delete(p);
}

/**
 * C-XEN-1 for the pgd page, when `__mmdrop()` → `mm_free_pgd()` → `pgd_free()` returns it to the
 * allocator (arch/x86/mm/pgtable.c `pgd_free()`: `paravirt_pgd_free()` (`xen_pgd_free()` frees
 * only the user pgd) then `_pgd_free()`): `xen_exit_mmap()` must have unpinned it
 * (`__xen_pgd_unpin()`: `MMUEXT_UNPIN_TABLE` of the pgd). The model checks the L4 pin only; the
 * pgd page's PG_pinned and read-only mapping, cleared by the walk's last `xen_unpin_page(pgd,
 * PT_PGD)` in the same unpin, are not kept apart.
 */
export function checkPgdFree(w: World, mm: Mm): void {
  const s = states.get(w);
  if (!s) return;
  if (pgdPinned(s, mm)) {
    w.violate('C-XEN-1', `pgd_free() of mm#${mm.id}'s pgd at mmdrop while Xen still holds it pinned as an L4 table (xen_exit_mmap() did not xen_pgd_unpin() it): the page stays read-only and typed as a page table, so its next user faults or the hypervisor rejects it`);
  }
  s.pgdUnpinned.add(mm);
}

/**
 * C-XEN-2 when a PTE is written into table page `p` (`set_pte_at()`, `ptep_clear()`, under the
 * table's ptl): a Xen PV guest writes a PTE straight into the read-only table, and Xen
 * emulates the write only for a page it has validated as a page table (pinned as an L1 table,
 * or linked into a pinned pgd's tree). A write into a page the guest still maps read-only but
 * Xen no longer validates, the "partially-pinned state" `xen_unpin_page()` holds the ptl across
 * (arch/x86/xen/mmu_pv.c), faults.
 */
export function checkPteWrite(w: World, p: Page): void {
  const s = states.get(w);
  if (!s || !s.readOnly.has(p) || s.l1Pinned.has(p)) return;
  if (pgdPinned(s, w.mm) && linkedByPmd(w, p)) return;
  w.violate('C-XEN-2', `PTE write into ${w.pageName(p)} while the guest maps it read-only and Xen no longer holds it as a page table (unpinned, not in a pinned tree): the write is not emulated and faults (xen_unpin_page() holds the ptl from the unpin until the page is writable again)`);
}
