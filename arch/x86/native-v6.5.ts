/**
 * x86 native (!CONFIG_PARAVIRT), v6.5: no MMU_GATHER_RCU_TABLE_FREE (x86 selects it only
 * `if PARAVIRT` in v4.19 .. v6.14). `___pte_free_tlb()` runs the dtor at unlink time, calls the
 * (empty) pv release hook, and queues the page in the mmu_gather's *page* batch through the
 * !PARAVIRT `paravirt_tlb_remove_table()` stub (`tlb_remove_page`). The page is freed after
 * the flush, and flushes are IPIs that wait for every IRQs-off section: that is what keeps
 * `gup_fast` safe (contracts.md §3.1 "x86 native").
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` and the !CONFIG_PARAVIRT
 * `paravirt_tlb_remove_table` stub (v4.19 .. v6.5 shape: PeterZ 48a8b97cfd80 post-image,
 * [ML id 34447054849]); arch/x86/include/asm/pgalloc.h `__pte_free_tlb`;
 * include/asm-generic/pgalloc.h `pte_free`; mm/pgtable-generic.c `pte_free_defer` (v6.5).
 * In v6.5 the dtor is still named `pgtable_pte_page_dtor` (ptdesc names came in v6.6).
 */
import { pagetable_dtor, paravirt_release_pte, tlb_remove_page, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { X86_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_5, x86_pte_hooks } from './pgalloc';

/** arch/x86/mm/pgtable.c (!CONFIG_PARAVIRT): `paravirt_tlb_remove_table(tlb, table)` = `tlb_remove_page(tlb, table)`. */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Page): void {
  tlb_remove_page(tlb, table);
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v4.19 .. v6.5). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  pagetable_dtor(pte); /* pgtable_pte_page_dtor(pte) */
  paravirt_release_pte(page_to_pfn(pte), 'native-inline');
  paravirt_tlb_remove_table(tlb, pte);
}

const adapter: Adapter = {
  name: 'x86-native-v6.5',
  arch: 'x86',
  era: 'v6.5',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb/paravirt_tlb_remove_table (!CONFIG_PARAVIRT stub); arch/x86/include/asm/pgalloc.h __pte_free_tlb; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.5)',
  description: 'Bare-metal x86 without CONFIG_PARAVIRT: dtor at unlink, PTE tables freed through the page batch after the IPI flush; gup_fast is protected by its IRQs-off section.',
  declarations: X86_DECLARATIONS,

  /*
   * arch/x86/mm/pgtable.c pte_alloc_one(); include/asm-generic/pgalloc.h pte_free() →
   * pgtable_pte_page_dtor + __free_page; mm/pgtable-generic.c pte_free_defer() →
   * call_rcu(&page->rcu_head, pte_free_now); arch/x86/include/asm/pgalloc.h __pte_free_tlb() →
   * ___pte_free_tlb(tlb, pte) above.
   */
  ...x86_pte_hooks(pte_free_v6_5, ___pte_free_tlb),
};

export default adapter;
