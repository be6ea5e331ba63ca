/**
 * riscv, SBI remote fence, 2026: `__pte_free_tlb` = `tlb_remove_ptdesc()` ("riscv: pgtable:
 * unconditionally use tlb_remove_ptdesc()", Qi Zheng, 2025), RCU table batch, generic dtor
 * after the grace period; PT_RECLAIM `def_bool y` (MMU_GATHER_RCU_TABLE_FREE &&
 * !HAVE_ARCH_TLB_REMOVE_TABLE, linux-mm mm/Kconfig @ 02f57445).
 *
 * Mirrors arch/riscv/include/asm/pgalloc.h (linux-mm @ 5aaa2bca), include/asm-generic/pgalloc.h,
 * mm/mmu_gather.c, mm/pgtable-generic.c (linux-mm, 2026).
 */
import type { Adapter } from '../../src/kernel';
import { hooks2026, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooks2026,
  ...riscvFlushHooks,
  name: 'riscv-sbi-2026',
  arch: 'riscv',
  era: '2026',
  source: 'arch/riscv/include/asm/pgalloc.h __pte_free_tlb (tlb_remove_ptdesc) @ linux-mm 5aaa2bca; mm/Kconfig PT_RECLAIM def_bool y (2026)',
  description: 'SBI rfence with empty-table reclaim: RCU table batch, dtor after the grace period.',
  declarations: riscvDeclarations('sbi', true),
};

export default adapter;
