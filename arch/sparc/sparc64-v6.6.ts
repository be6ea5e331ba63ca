/**
 * sparc64 (SMP), v6.6: one 8K PTE table per page, `pgtable_t` is `pte_t *`, RCU table free
 * (MMU_GATHER_RCU_TABLE_FREE if SMP) with the is_page tag in bit 0, the dtor in __pte_free
 * (after the grace period), pte_free_defer via virt_to_page + call_rcu + __pte_free(page_address),
 * TLB flushes by cross-call (`flush_tlb_pending()`, leaf only: no walk cache). See ./init_64.ts
 * and ./tlb.ts.
 */
import type { Adapter } from '../../src/kernel';
import { __pmd_free_tlb, __pte_free_tlb, __set_pmd_acct, __tlb_remove_table, pmd_alloc_one, pte_alloc_one, pte_free, pte_free_defer, tlb_batch_pmd_scan_live } from './init_64';
import { sparc64FlushHooks } from './tlb';

const adapter: Adapter = {
  name: 'sparc64-v6.6',
  arch: 'sparc',
  era: 'v6.6',
  source: 'arch/sparc/mm/init_64.c pte_alloc_one/__pte_free/pgtable_free/pte_free_now/pte_free_defer; arch/sparc/include/asm/pgalloc_64.h pgtable_free_tlb/__tlb_remove_table/__pte_free_tlb/pmd_alloc_one/__pmd_free_tlb; arch/sparc/mm/tlb.c tlb_batch_pmd_scan (v6.6)',
  description: 'pgtable_t = pte_t *, one table per page, is_page tag in bit 0, own pte_free_defer converting with virt_to_page / page_address.',
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: true,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
    // No paging-structure cache: the MMU caches translations (TLB, TSB) and the TSB-miss trap
    // handler walks the Linux tables in software (arch/sparc/kernel/tsb.S, ./tlb.ts).
    hwWalkCache: false,
    pteWriteFlushes: true,
  },
  /* tlb_64.h tlb_flush() = flush_tlb_pending(); tlbflush_64.h flush_tlb_range() empty (./tlb.ts) */
  ...sparc64FlushHooks,
  pte_alloc_one(mm) {
    return pte_alloc_one(mm);
  },
  pte_free(mm, pte) {
    pte_free(mm, pte as number);
  },
  pte_free_defer(mm, pgtable) {
    pte_free_defer(mm, pgtable as number);
  },
  __pte_free_tlb(tlb, pte) {
    __pte_free_tlb(tlb, pte as number);
  },
  __tlb_remove_table(table) {
    __tlb_remove_table(table as number);
  },
  /* the map / scan / unmap of tlb_batch_pmd_scan() on the live table (./init_64.ts) */
  arch_walk(mm, slot) {
    tlb_batch_pmd_scan_live(mm, slot);
  },
  /* set_pmd_at() → __set_pmd_acct(): pmdp_collapse_flush()'s pmdp_huge_get_and_clear() */
  __set_pmd_acct(mm, slot, orig) {
    __set_pmd_acct(mm, slot, orig);
  },
  pmd_alloc_one(mm) {
    return pmd_alloc_one(mm);
  },
  __pmd_free_tlb(tlb, pmd) {
    __pmd_free_tlb(tlb, pmd as number);
  },
};

export default adapter;
