/**
 * loongarch, 2026: `select MMU_GATHER_RCU_TABLE_FREE` (Qi Zheng, "enable PT_RECLAIM on all
 * 64-bit architectures" v3, Dec 2025; merged in linux-mm, arch/loongarch/Kconfig @ 0322ef07),
 * so `tlb_remove_ptdesc()` queues PTE tables in the RCU table batch and the generic
 * `__tlb_remove_table()` runs the dtor and frees after the grace period. PT_RECLAIM is
 * `def_bool y` with it (mm/Kconfig @ 02f57445). TLB shootdown still by IPI.
 *
 * Mirrors arch/loongarch/include/asm/pgalloc.h `__pte_free_tlb` (linux-mm @ c2ec497b),
 * include/asm-generic/pgalloc.h, mm/mmu_gather.c, mm/pgtable-generic.c (linux-mm, 2026).
 */
import { generic_pte_free_defer, type Adapter } from '../../src/kernel';
import { __pte_free_tlb, pte_alloc_one, pte_free } from '../generic/hooks';
import v6_5 from './v6.5';
import { loongarchFlushHooks } from './tlb';

const adapter: Adapter = {
  ...loongarchFlushHooks,
  name: 'loongarch-2026',
  arch: 'loongarch',
  era: '2026',
  source: 'arch/loongarch/include/asm/pgalloc.h __pte_free_tlb (tlb_remove_ptdesc) @ linux-mm c2ec497b; arch/loongarch/Kconfig select MMU_GATHER_RCU_TABLE_FREE @ 0322ef07; mm/Kconfig PT_RECLAIM def_bool y; mm/mmu_gather.c generic __tlb_remove_table (2026)',
  description: 'RCU table batch with empty-table reclaim, IPI TLB shootdown; dtor after the grace period.',
  declarations: { ...v6_5.declarations, MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, PT_RECLAIM: true },

  pte_alloc_one,
  pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/loongarch/include/asm/pgalloc.h (2026): tlb_remove_ptdesc(); the generic __tlb_remove_table is used */
  __pte_free_tlb,
};

export default adapter;
