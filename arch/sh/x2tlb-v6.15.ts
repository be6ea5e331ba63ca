/**
 * sh with X2TLB, SMP, v6.15: `__pte_free_tlb` = `tlb_remove_ptdesc()` (Qi Zheng, "mm: pgtable:
 * convert some architectures to use tlb_remove_ptdesc()"); without MMU_GATHER_TABLE_FREE the
 * generic `tlb_remove_table()` runs `pagetable_dtor()` at once and `tlb_remove_page()`. sh is
 * not in the 2025 "enable PT_RECLAIM on all 64-bit architectures" series, so 2026 is the same.
 *
 * Mirrors arch/sh/include/asm/pgalloc.h `__pte_free_tlb` (v6.15), include/asm-generic/tlb.h
 * `tlb_remove_table` (!MMU_GATHER_TABLE_FREE), include/asm-generic/pgalloc.h, arch/sh/Kconfig.
 */
import type { Adapter } from '../../src/kernel';
import { __pte_free_tlb, pte_alloc_one, pte_free } from '../generic/hooks';
import v6_14 from './x2tlb-v6.14';
import { shFlushHooks } from './tlb';

const adapter: Adapter = {
  ...shFlushHooks,
  name: 'sh-x2tlb-v6.15',
  arch: 'sh',
  era: 'v6.15',
  source: 'arch/sh/include/asm/pgalloc.h __pte_free_tlb (tlb_remove_ptdesc); include/asm-generic/tlb.h !MMU_GATHER_TABLE_FREE tlb_remove_table (pagetable_dtor + tlb_remove_page) (v6.15)',
  description: 'Page-based, pmd read in two halves; the generic !MMU_GATHER_TABLE_FREE tlb_remove_table() runs the dtor; page batch after the IPI flush.',
  declarations: { ...v6_14.declarations },

  pte_alloc_one,
  pte_free,

  /* arch/sh/include/asm/pgalloc.h (v6.15): tlb_remove_ptdesc() */
  __pte_free_tlb,
};

export default adapter;
