/**
 * mips64, SMP, v6.15: `__pte_free_tlb` = `tlb_remove_ptdesc()` (Qi Zheng, "mm: pgtable: convert
 * some architectures to use tlb_remove_ptdesc()"), no MMU_GATHER_TABLE_FREE, so the generic
 * `tlb_remove_table()` runs the dtor at once and `tlb_remove_page()`; freed after the IPI
 * flush. THP (CPU_SUPPORTS_HUGEPAGES), one-word pmds (no GUP_GET_PXX_LOW_HIGH). The 2025
 * patch giving mips MMU_GATHER_RCU_TABLE_FREE is not confirmed merged (arch/mips/Kconfig @
 * linux-mm 281466a1 does not select it), so there is no mips 2026 adapter.
 *
 * Mirrors arch/mips/include/asm/pgalloc.h `__pte_free_tlb` (v6.15), include/asm-generic/tlb.h
 * `tlb_remove_table` (!MMU_GATHER_TABLE_FREE), include/asm-generic/pgalloc.h,
 * mm/pgtable-generic.c `pte_free_defer`, arch/mips/mm/tlb-r4k.c `__update_tlb`.
 */
import { generic_pte_free_defer, type Adapter } from '../../src/kernel';
import { __pte_free_tlb, pte_alloc_one, pte_free } from '../generic/hooks';
import { update_mmu_cache } from './tlb-r4k';
import v6_5 from './mips32-xpa-v6.5';
import { mipsFlushHooks } from './tlb';

const adapter: Adapter = {
  ...mipsFlushHooks,
  name: 'mips64-v6.15',
  arch: 'mips',
  era: 'v6.15',
  source: 'arch/mips/include/asm/pgalloc.h __pte_free_tlb (tlb_remove_ptdesc); include/asm-generic/tlb.h !MMU_GATHER_TABLE_FREE tlb_remove_table; arch/mips/mm/tlb-r4k.c __update_tlb; mm/pgtable-generic.c pte_free_defer (v6.15)',
  description: 'Page-based 64-bit: generic !MMU_GATHER_TABLE_FREE tlb_remove_table() runs the dtor, page batch after the IPI flush; THP; __update_tlb re-walk balanced.',
  declarations: { ...v6_5.declarations, THP: true, GUP_GET_PXX_LOW_HIGH: false },

  pte_alloc_one,
  pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/mips/include/asm/pgalloc.h (v6.15): tlb_remove_ptdesc() */
  __pte_free_tlb,

  update_mmu_cache,
};

export default adapter;
