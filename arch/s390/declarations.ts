/** The configuration every s390 adapter declares; the fragment era overrides tablesPerPage. */
import type { Declarations } from '../../src/kernel';

/**
 * s390 SMP with THP: RCU table free with `pgtable_t` = `pte_t *`, MMU_GATHER_NO_GATHER (data
 * pages freed at once: IPTE flushes as it clears, no delayed rmap), TLB flush by hardware
 * broadcast (IPTE/IDTE).
 */
export const S390_DECLARATIONS: Declarations = {
  SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
  MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
  PT_RECLAIM: false, flushTransport: 'broadcast', tablesPerPage: 1, pgtableIsPtePointer: true,
  ctorDtor: true, tlbDelayRmap: false, noGather: true, ptepClearFlushes: true, irqOffIsRcuReader: true,
};
