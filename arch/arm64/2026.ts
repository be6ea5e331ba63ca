/**
 * arm64, 2026: the v6.14 code (arm64's tlb.h is not stored in the linux-mm tree; presumed
 * unchanged, docs/kernel-notes/arch-x86-arm-riscv-misc.md §3) under the 2026 generic code:
 * PT_RECLAIM `def_bool y` (MMU_GATHER_RCU_TABLE_FREE && !HAVE_ARCH_TLB_REMOVE_TABLE, linux-mm
 * mm/Kconfig @ 02f57445), so MADV_DONTNEED frees empty PTE tables RCU walkers can still reach;
 * the batch-allocation fallback is call_rcu on the ptdesc.
 *
 * Mirrors arch/arm64/include/asm/tlb.h `__pte_free_tlb` (v6.14 form), include/asm-generic/pgalloc.h,
 * mm/mmu_gather.c, mm/pgtable-generic.c (linux-mm, 2026).
 */
import { generic_pte_free_defer, type Adapter } from '../../src/kernel';
import { __pte_free_tlb, pte_alloc_one, pte_free } from '../generic/hooks';
import v6_13 from './v6.13';
import { arm64FlushHooks } from './tlb';

const adapter: Adapter = {
  name: 'arm64-2026',
  arch: 'arm64',
  era: '2026',
  source: 'arch/arm64/include/asm/tlb.h __pte_free_tlb (v6.14 form, INFERRED unchanged); include/asm-generic/pgalloc.h; mm/mmu_gather.c generic __tlb_remove_table; mm/Kconfig PT_RECLAIM def_bool y (linux-mm 2026)',
  description: 'RCU table batch with empty-table reclaim; dtor after the grace period.',
  declarations: { ...v6_13.declarations, PT_RECLAIM: true },

  pte_alloc_one,
  pte_free,
  pte_free_defer: generic_pte_free_defer,
  /* arch/arm64/include/asm/tlb.h (v6.14 form) */
  __pte_free_tlb,
  /* arch/arm64/include/asm/tlb.h tlb_flush(), arch/arm64/include/asm/tlbflush.h flush_tlb_range()/flush_tlb_page() (./tlb.ts) */
  ...arm64FlushHooks,
};

export default adapter;
