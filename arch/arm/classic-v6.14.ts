/**
 * arm classic MMU (!CONFIG_ARM_LPAE), SMP, v6.14: `__pte_free_tlb` only widens the range and
 * calls `tlb_remove_ptdesc()`; without MMU_GATHER_TABLE_FREE the generic `tlb_remove_table()`
 * (now a real function) runs `pagetable_dtor()` and `tlb_remove_page()`, so the dtor still
 * runs at unlink time, in generic code (Qi Zheng v5 15/17 "completely move pagetable_dtor()
 * to generic tlb_remove_table()").
 *
 * Mirrors arch/arm/include/asm/tlb.h `__pte_free_tlb`, arch/arm/include/asm/pgalloc.h
 * `pte_alloc_one`, include/asm-generic/pgalloc.h `pte_free` (`pagetable_dtor_free`) and
 * include/asm-generic/tlb.h `tlb_remove_table` (!MMU_GATHER_TABLE_FREE), Linux v6.14.
 * Configuration: SMP on a Cortex-A9-class CPU, whose TLB maintenance is broadcast in hardware
 * (`tlb_ops_need_broadcast()` false: flush_tlb_* send no IPI, arch/arm/kernel/smp_tlb.c); safe
 * without RCU table free only because classic arm has no GUP-fast (`select HAVE_GUP_FAST if
 * ARM_LPAE`) and every other walker of a freed table holds the mmap lock or the table's ptl.
 * HIGHPTE, no THP.
 */
import { page_ptdesc, pagetable_dtor_free, tlb_remove_ptdesc, type Page } from '../../src/kernel';
import { arm_classic_widen_range, arm_pte_alloc_one, type ArmAdapter } from './common';
import classic from './classic-v6.5';

const adapter: ArmAdapter = {
  name: 'arm-classic-v6.14',
  arch: 'arm',
  era: 'v6.14',
  armLpae: false,
  source: 'arch/arm/include/asm/tlb.h __pte_free_tlb (#ifndef CONFIG_ARM_LPAE __tlb_adjust_range; tlb_remove_ptdesc); arch/arm/include/asm/pgalloc.h pte_alloc_one; include/asm-generic/pgalloc.h pte_free; include/asm-generic/tlb.h !MMU_GATHER_TABLE_FREE tlb_remove_table = pagetable_dtor + tlb_remove_page (v6.14)',
  description: 'Classic MMU, SMP with hardware-broadcast TLB maintenance, no GUP-fast: the generic !MMU_GATHER_TABLE_FREE tlb_remove_table() runs the dtor, page batch freed after the flush, range widened to both sections.',
  declarations: { ...classic.declarations, flushTransport: 'broadcast' },

  pte_alloc_one(mm) {
    return arm_pte_alloc_one(mm, true);
  },

  /* include/asm-generic/pgalloc.h (v6.14): pagetable_dtor_free(page_ptdesc(pte_page)) */
  pte_free(_mm, pte_page) {
    pagetable_dtor_free(page_ptdesc(pte_page as Page));
  },

  /* arch/arm/include/asm/tlb.h (v6.14) */
  __pte_free_tlb(tlb, pte, addr) {
    /* #ifndef CONFIG_ARM_LPAE */
    arm_classic_widen_range(tlb, addr);
    tlb_remove_ptdesc(tlb, page_ptdesc(pte as Page));
  },
};

export default adapter;
