/**
 * generic, v6.14: one PTE table per page, MMU_GATHER_RCU_TABLE_FREE, the dtor in the generic
 * `__tlb_remove_table()` (Qi Zheng's series), PT_RECLAIM, hardware-broadcast TLB flush.
 *
 * Mirrors include/asm-generic/pgalloc.h (`__pte_alloc_one`, `pte_free`),
 * include/asm-generic/tlb.h (`__pte_free_tlb` → `tlb_remove_ptdesc`), mm/mmu_gather.c
 * (`__tlb_remove_table` = `pagetable_dtor_free`) and mm/pgtable-generic.c (`pte_free_defer`),
 * Linux v6.14.
 */
import { generic_pte_free_defer, type Adapter } from '../../src/kernel';
import { __pte_free_tlb, __tlb_remove_table, pte_alloc_one, pte_free } from './hooks';

const adapter: Adapter = {
  name: 'generic-v6.14',
  arch: 'generic',
  era: 'v6.14',
  source: 'include/asm-generic/pgalloc.h __pte_alloc_one/pte_free; include/asm-generic/tlb.h __pte_free_tlb; mm/mmu_gather.c __tlb_remove_table; mm/pgtable-generic.c pte_free_defer (v6.14)',
  description: 'Reference adapter: page-sized PTE tables, RCU table free, dtor after the grace period.',
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: true, flushTransport: 'broadcast', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  /* include/asm-generic/pgalloc.h: pte_alloc_one() → __pte_alloc_one(mm, GFP_PGTABLE_USER) */
  pte_alloc_one,

  /* include/asm-generic/pgalloc.h: pte_free() → pagetable_dtor_free(page_ptdesc(pte_page)) */
  pte_free,

  /* mm/pgtable-generic.c: pte_free_defer() → call_rcu(&page->rcu_head, pte_free_now) */
  pte_free_defer: generic_pte_free_defer,

  /* include/asm-generic/tlb.h: __pte_free_tlb() → tlb_remove_ptdesc(tlb, page_ptdesc(pte)) */
  __pte_free_tlb,

  /* mm/mmu_gather.c (v6.14, !HAVE_ARCH_TLB_REMOVE_TABLE): __tlb_remove_table() → pagetable_dtor_free() */
  __tlb_remove_table,
};

export default adapter;
