/**
 * riscv, IPI remote fence, 2026: since "riscv: pgtable: unconditionally use
 * tlb_remove_ptdesc()" the IPI-rfence kernels free tables through the RCU table batch too (the
 * B35 page-batch path is gone), so empty-table reclaim (PT_RECLAIM `def_bool y`) is safe for
 * RCU walkers as well as for IRQs-off ones.
 *
 * Mirrors arch/riscv/include/asm/pgalloc.h (linux-mm @ 5aaa2bca), arch/riscv/mm/tlbflush.c
 * (IPI rfence), include/asm-generic/pgalloc.h, mm/mmu_gather.c, mm/pgtable-generic.c (2026).
 */
import type { Adapter } from '../../src/kernel';
import { hooks2026, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooks2026,
  ...riscvFlushHooks,
  name: 'riscv-ipi-2026',
  arch: 'riscv',
  era: '2026',
  source: 'arch/riscv/include/asm/pgalloc.h __pte_free_tlb (tlb_remove_ptdesc) @ linux-mm 5aaa2bca; arch/riscv/mm/tlbflush.c IPI rfence; mm/Kconfig PT_RECLAIM def_bool y (2026)',
  description: 'IPI rfence with empty-table reclaim: RCU table batch (no more page batch), dtor after the grace period.',
  declarations: riscvDeclarations('ipi', true),
};

export default adapter;
