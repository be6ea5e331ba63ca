/**
 * arm LPAE, SMP, 2026: the v6.14 code (arm's tlb.h is not stored in the linux-mm tree; no later
 * arm change was found, docs/kernel-notes/arch-x86-arm-riscv-misc.md §2), under the 2026
 * generic code: PT_RECLAIM is `def_bool y` wherever MMU_GATHER_RCU_TABLE_FREE &&
 * !HAVE_ARCH_TLB_REMOVE_TABLE (linux-mm mm/Kconfig @ 02f57445), so MADV_DONTNEED frees empty
 * PTE tables that RCU walkers can still reach, and the batch-allocation fallback is call_rcu.
 * HIGHPTE is not set (Linus Walleij's 2025 RFC drops it from arm).
 *
 * Mirrors arch/arm/include/asm/tlb.h `__pte_free_tlb` (v6.14 form), include/asm-generic/pgalloc.h,
 * mm/mmu_gather.c and mm/pgtable-generic.c as of 2026 (linux-mm).
 */
import { generic_pte_free_defer } from '../../src/kernel';
import { __pte_free_tlb, pte_free } from '../generic/hooks';
import { arm_pte_alloc_one, type ArmAdapter } from './common';
import lpae from './lpae-v6.5';

const adapter: ArmAdapter = {
  name: 'arm-lpae-2026',
  arch: 'arm',
  era: '2026',
  armLpae: true,
  source: 'arch/arm/include/asm/tlb.h __pte_free_tlb (v6.14 form, INFERRED unchanged); include/asm-generic/pgalloc.h; mm/mmu_gather.c generic __tlb_remove_table; mm/Kconfig PT_RECLAIM def_bool y (linux-mm 2026)',
  description: 'LPAE SMP with empty-table reclaim: RCU table batch, dtor after the grace period, call_rcu fallback.',
  declarations: { ...lpae.declarations, HIGHPTE: false, PT_RECLAIM: true },

  pte_alloc_one(mm) {
    return arm_pte_alloc_one(mm, false);
  },
  pte_free,
  pte_free_defer: generic_pte_free_defer,
  /* arch/arm/include/asm/tlb.h (v6.14 form) */
  __pte_free_tlb,
};

export default adapter;
