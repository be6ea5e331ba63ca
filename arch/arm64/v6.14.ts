/**
 * arm64, v6.14: `__pte_free_tlb` is only `tlb_remove_ptdesc()`; the dtor runs in the generic
 * `__tlb_remove_table()` (`pagetable_dtor` + `pagetable_free`) after the RCU grace period, so
 * the ptlock and the table page die together (Qi Zheng v5 09/17; arm64's own
 * `__tlb_remove_table` deleted by v4 13/15). No PT_RECLAIM in v6.14 (x86_64 only).
 *
 * Mirrors arch/arm64/include/asm/tlb.h `__pte_free_tlb`, include/asm-generic/pgalloc.h
 * `pte_alloc_one` / `pte_free` (`pagetable_dtor_free`), mm/mmu_gather.c `__tlb_remove_table`,
 * mm/pgtable-generic.c `pte_free_defer`, Linux v6.14.
 */
import { generic_pte_free_defer, type Adapter } from '../../src/kernel';
import { __pte_free_tlb, pte_alloc_one, pte_free } from '../generic/hooks';
import v6_13 from './v6.13';
import { arm64FlushHooks } from './tlb';

const adapter: Adapter = {
  name: 'arm64-v6.14',
  arch: 'arm64',
  era: 'v6.14',
  source: 'arch/arm64/include/asm/tlb.h __pte_free_tlb (tlb_remove_ptdesc); include/asm-generic/pgalloc.h pte_alloc_one/pte_free; mm/mmu_gather.c generic __tlb_remove_table; mm/pgtable-generic.c pte_free_defer (v6.14)',
  description: 'RCU table batch, broadcast TLBI, dtor after the grace period in the generic __tlb_remove_table().',
  declarations: { ...v6_13.declarations },

  pte_alloc_one,
  pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/arm64/include/asm/tlb.h (v6.14): tlb_remove_ptdesc(); no __tlb_remove_table: the generic one is used */
  __pte_free_tlb,
  /* arch/arm64/include/asm/tlb.h tlb_flush(), arch/arm64/include/asm/tlbflush.h flush_tlb_range()/flush_tlb_page() (./tlb.ts) */
  ...arm64FlushHooks,
};

export default adapter;
