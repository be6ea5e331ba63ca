/**
 * riscv, SBI remote fence, v6.14 (Qi Zheng's "riscv: pgtable: move pagetable_dtor() to
 * __tlb_remove_table()"): `riscv_tlb_remove_ptdesc()` queues the table in the RCU table batch
 * and the generic `__tlb_remove_table()` runs `pagetable_dtor()` + `pagetable_free()` after the
 * grace period, so the ptlock and the page die together. No PT_RECLAIM on riscv in v6.14
 * (ARCH_SUPPORTS_PT_RECLAIM was x86_64 only).
 *
 * Mirrors arch/riscv/include/asm/pgalloc.h (torvalds/linux @ 8e73eeb4, v6.14)
 * `riscv_tlb_remove_ptdesc` / `__pte_free_tlb`, mm/mmu_gather.c generic `__tlb_remove_table`,
 * include/asm-generic/pgalloc.h, mm/pgtable-generic.c `pte_free_defer`.
 */
import type { Adapter } from '../../src/kernel';
import { hooksV6_14, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooksV6_14,
  ...riscvFlushHooks,
  name: 'riscv-sbi-v6.14',
  arch: 'riscv',
  era: 'v6.14',
  source: 'arch/riscv/include/asm/pgalloc.h riscv_tlb_remove_ptdesc/__pte_free_tlb @ 8e73eeb4; mm/mmu_gather.c generic __tlb_remove_table (v6.14)',
  description: 'SBI rfence (no IPIs): RCU table batch, dtor after the grace period in the generic __tlb_remove_table().',
  declarations: riscvDeclarations('sbi'),
};

export default adapter;
