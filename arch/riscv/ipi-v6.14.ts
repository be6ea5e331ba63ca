/**
 * riscv, IPI remote fence, v6.14: `riscv_tlb_remove_ptdesc()` runs `pagetable_dtor()` itself
 * and frees the table through the page batch after the IPI flush (Qi Zheng's v6.14 riscv
 * patch; Kevin Brodsky's "imbalance" remark, S0:39-58).
 *
 * Mirrors arch/riscv/include/asm/pgalloc.h (torvalds/linux @ 8e73eeb4, v6.14)
 * `riscv_tlb_remove_ptdesc` / `__pte_free_tlb`, arch/riscv/mm/tlbflush.c (IPI rfence),
 * include/asm-generic/pgalloc.h, mm/pgtable-generic.c `pte_free_defer`.
 */
import type { Adapter } from '../../src/kernel';
import { hooksV6_14, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooksV6_14,
  ...riscvFlushHooks,
  name: 'riscv-ipi-v6.14',
  arch: 'riscv',
  era: 'v6.14',
  source: 'arch/riscv/include/asm/pgalloc.h riscv_tlb_remove_ptdesc (IPI branch: pagetable_dtor + tlb_remove_page_ptdesc) @ 8e73eeb4 (v6.14)',
  description: 'IPI rfence: dtor in riscv_tlb_remove_ptdesc(), page batch freed after the IPI flush.',
  declarations: riscvDeclarations('ipi'),
};

export default adapter;
