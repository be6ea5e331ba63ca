/**
 * arm LPAE, SMP, v6.14: `__pte_free_tlb` is just `tlb_remove_ptdesc()` into the RCU table batch;
 * the dtor runs in the generic `__tlb_remove_table()` (`pagetable_dtor` + `pagetable_free`)
 * after the grace period (Qi Zheng v5 08/17 and 15/17; arm's own `__tlb_remove_table` deleted
 * by v4 13/15). No PT_RECLAIM in v6.14 (ARCH_SUPPORTS_PT_RECLAIM was x86_64 only).
 *
 * Mirrors arch/arm/include/asm/tlb.h `__pte_free_tlb`, arch/arm/include/asm/pgalloc.h
 * `pte_alloc_one`, include/asm-generic/pgalloc.h `pte_free`, mm/mmu_gather.c
 * `__tlb_remove_table` (generic), mm/pgtable-generic.c `pte_free_defer`, Linux v6.14.
 * Configuration as arm-lpae-v6.6 (arch/arm/lpae-v6.5.ts).
 */
import { generic_pte_free_defer } from '../../src/kernel';
import { __pte_free_tlb, pte_free } from '../generic/hooks';
import { arm_pte_alloc_one, type ArmAdapter } from './common';
import lpae from './lpae-v6.5';

const adapter: ArmAdapter = {
  name: 'arm-lpae-v6.14',
  arch: 'arm',
  era: 'v6.14',
  armLpae: true,
  source: 'arch/arm/include/asm/tlb.h __pte_free_tlb (tlb_remove_ptdesc); arch/arm/include/asm/pgalloc.h pte_alloc_one; include/asm-generic/pgalloc.h pte_free; mm/mmu_gather.c generic __tlb_remove_table; mm/pgtable-generic.c pte_free_defer (v6.14)',
  description: 'LPAE SMP: RCU table batch, dtor after the grace period in the generic __tlb_remove_table().',
  declarations: { ...lpae.declarations },

  pte_alloc_one(mm) {
    return arm_pte_alloc_one(mm, true);
  },
  /* include/asm-generic/pgalloc.h (v6.14): pagetable_dtor_free(page_ptdesc(pte_page)) */
  pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/arm/include/asm/tlb.h (v6.14): tlb_remove_ptdesc(); no __tlb_remove_table: the generic one is used */
  __pte_free_tlb,
};

export default adapter;
