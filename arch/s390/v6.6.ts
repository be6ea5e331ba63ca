/**
 * s390, v6.6: 2K PTE tables, two per 4K page (AA/PP bits in the upper byte of `_refcount`,
 * `mm->context.pgtable_list`, PageActive for deferred pages), RCU table free with half-tagged
 * pointers, MMU_GATHER_NO_GATHER (data pages freed at once: IPTE flushes as it clears, no
 * delayed rmap), TLB flush by hardware broadcast (IPTE/IDTE).
 *
 * Mirrors arch/s390/mm/pgalloc.c and arch/s390/include/asm/{pgalloc,tlb}.h of Linux v6.6
 * (see ./pgalloc-frag.ts); era boundaries in docs/kernel-notes/arch-powerpc-s390-sparc.md §2.
 */
import type { Adapter } from '../../src/kernel';
import { __tlb_remove_table, page_table_alloc, page_table_free, pte_free_defer, pte_free_tlb } from './pgalloc-frag';

/** Declarations shared by the s390 adapters; the fragment era overrides tablesPerPage. */
export const S390_DECLARATIONS: Adapter['declarations'] = {
  SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
  MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
  PT_RECLAIM: false, flushTransport: 'broadcast', tablesPerPage: 1, pgtableIsPtePointer: true,
  ctorDtor: true, tlbDelayRmap: false, noGather: true, ptepClearFlushes: true, irqOffIsRcuReader: true,
};

const adapter: Adapter = {
  name: 's390-v6.6',
  arch: 's390',
  era: 'v6.5',
  source: 'arch/s390/mm/pgalloc.c page_table_alloc/page_table_free/page_table_free_rcu/__tlb_remove_table/pte_free_defer; arch/s390/include/asm/tlb.h pte_free_tlb (v6.6)',
  description: '2K fragments: AA/PP bits in _refcount, pgtable_list, two-step XOR release, PageActive defers the RCU call until both halves are free.',
  declarations: { ...S390_DECLARATIONS, tablesPerPage: 2 },

  /* asm/pgalloc.h: pte_alloc_one(mm) → (pte_t *)page_table_alloc(mm) */
  pte_alloc_one(mm) {
    return page_table_alloc(mm);
  },
  /* asm/pgalloc.h: #define pte_free(mm, pte) page_table_free(mm, (unsigned long *) pte) */
  pte_free(mm, pte) {
    page_table_free(mm!, pte as number);
  },
  pte_free_defer(mm, pgtable) {
    pte_free_defer(mm, pgtable as number);
  },
  /* asm/tlb.h: __pte_free_tlb → pte_free_tlb(tlb, pte, address) */
  __pte_free_tlb(tlb, pte, address) {
    pte_free_tlb(tlb, pte as number, address);
  },
  __tlb_remove_table(table) {
    __tlb_remove_table(table as number);
  },
};

export default adapter;
