/**
 * s390, whole-page era with its own __tlb_remove_table (about v6.10 to v6.13): every PTE table
 * is a full 4K page (first 2K PTEs, second 2K zero / PGSTEs), no fragment list, no `_refcount`
 * bits, no PageActive; pte_free_defer is a plain call_rcu on the page; the dtor runs in the
 * arch __tlb_remove_table (PTE level) after the grace period.
 *
 * Mirrors arch/s390/mm/pgalloc.c `page_table_alloc`, `pagetable_pte_dtor_free`,
 * `page_table_free`, `__tlb_remove_table`, `pte_free_now`, `pte_free_defer` (read from
 * ultrarisc/linux-6.8 @28ac2997, a post-fragment tree) and arch/s390/include/asm/tlb.h
 * `pte_free_tlb` (intel-lab-lkp/linux @0464e6c6): docs/kernel-notes/arch-powerpc-s390-sparc.md §2.3.
 * The exact upstream version of the switch (Alexander Gordeev, ~v6.10) is inferred, not read.
 * `page_table_alloc` reads the same through 2026 (./pgalloc-page.ts); the asm/pgalloc.h hook
 * macros are in ./hooks.ts.
 */
import {
  __tlb_adjust_range, __model_world, call_rcu, gmap_unlink, mm_alloc_pgste, pagetable_dtor, pagetable_free,
  rcu_head_page, tlb_remove_table, virt_to_ptdesc, mm_has_pgste, WARN_ON_ONCE, type Adapter, type Mm, type MmuGather, type Page, type RcuHead,
} from '../../src/kernel';
import { S390_DECLARATIONS } from './declarations';
import { s390_pte_hooks } from './hooks';
import { s390FlushHooks } from './tlb';
import { page_table_alloc } from './pgalloc-page';

/** `page_table_alloc(mm)`: a fresh page, ctor'd; pt_list is used by gmap only. */
export { page_table_alloc };

/** static `pagetable_pte_dtor_free(ptdesc)`. */
function pagetable_pte_dtor_free(ptdesc: Page): void {
  pagetable_dtor(ptdesc);
  pagetable_free(ptdesc);
}

/** `page_table_free(mm, table)`: immediate dtor + free. */
export function page_table_free(mm: Mm | null, table: number): void {
  void mm;
  pagetable_pte_dtor_free(virt_to_ptdesc(table));
}

/** `__tlb_remove_table(table)`: CRST tables (order 2) are only freed; PTE tables dtor + free. */
export function __tlb_remove_table(table: number): void {
  const ptdesc = virt_to_ptdesc(table);
  // compound_order(page) == CRST_ALLOC_ORDER never holds for the model's PTE tables.
  pagetable_pte_dtor_free(ptdesc);
}

/** `pte_free_now(head)` (CONFIG_TRANSPARENT_HUGEPAGE). */
function pte_free_now(head: RcuHead): void {
  pagetable_pte_dtor_free(rcu_head_page(head));
}

/** `pte_free_defer(mm, pgtable)`: call_rcu on the table page's rcu_head, then the WARN that no PGSTE (KVM guest) mm gets here. */
export function pte_free_defer(mm: Mm, pgtable: number): void {
  const ptdesc = virt_to_ptdesc(pgtable);
  call_rcu(ptdesc.rcu_head, pte_free_now);
  WARN_ON_ONCE(mm_has_pgste(mm), 'pte_free_defer() on a PGSTE mm: THPs are not allowed for KVM guests');
}

/** asm/tlb.h `pte_free_tlb(tlb, pte, address)`: range, flush_mm, freed_tables, gmap_unlink for PGSTE, tlb_remove_ptdesc. */
export function pte_free_tlb(tlb: MmuGather, pte: number, address: number): void {
  __tlb_adjust_range(tlb, address, 4096);
  tlb.mm.context.flush_mm = true;
  __model_world().record('tlb->mm->context.flush_mm = 1');
  tlb.freed_tables = true;
  if (mm_alloc_pgste(tlb.mm)) gmap_unlink(tlb.mm, pte, address);
  tlb_remove_table(tlb, pte); // tlb_remove_ptdesc(tlb, pte): the table pointer itself
}

const adapter: Adapter = {
  name: 's390-v6.13',
  arch: 's390',
  era: 'v6.13',
  source: 'arch/s390/mm/pgalloc.c page_table_alloc/page_table_free/__tlb_remove_table/pte_free_defer; arch/s390/include/asm/tlb.h pte_free_tlb (whole-page era, ~v6.10-v6.13)',
  description: 'Whole 4K PTE tables, arch __tlb_remove_table owning the PTE dtor, pte_free_defer = call_rcu.',
  declarations: { ...S390_DECLARATIONS, tablesPerPage: 1 },
  ...s390_pte_hooks({ page_table_alloc, page_table_free, pte_free_defer, pte_free_tlb, __tlb_remove_table }),
  /* asm/tlb.h tlb_flush(), asm/tlbflush.h flush_tlb_range(), the IDTE/IPTE of pmdp_collapse_flush()/ptep_clear_flush() (./tlb.ts) */
  ...s390FlushHooks,
};

export default adapter;
