/**
 * riscv, SBI remote fence, v6.9 .. v6.13 (before Qi Zheng's "riscv: pgtable: move
 * pagetable_dtor() to __tlb_remove_table()"): remote TLB fences go through SBI firmware and
 * send no Linux IPI, so tables are freed through the RCU table batch. `__pte_free_tlb` runs
 * the dtor before queueing the table (the B1 shape); harmless in its own era, which has no
 * PT_RECLAIM: only tables of detached VMAs go through the gather. `__tlb_remove_table` frees
 * with `free_page_and_swap_cache()` (B4, C-LT-13 dates from v6.14).
 *
 * Mirrors arch/riscv/include/asm/pgalloc.h `riscv_tlb_remove_ptdesc` / `__pte_free_tlb` and
 * arch/riscv/include/asm/tlb.h `__tlb_remove_table` (pre-image of Qi Zheng's v5 10/17, i.e.
 * Linux v6.13), arch/riscv/mm/tlbflush.c (`riscv_use_sbi_for_rfence()` → sbi_remote_sfence_vma_asid),
 * include/asm-generic/pgalloc.h, mm/pgtable-generic.c `pte_free_defer`.
 */
import type { Adapter } from '../../src/kernel';
import { hooksV6_13, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooksV6_13,
  ...riscvFlushHooks,
  name: 'riscv-sbi-v6.13',
  arch: 'riscv',
  era: 'v6.13',
  source: 'arch/riscv/include/asm/pgalloc.h riscv_tlb_remove_ptdesc/__pte_free_tlb (pagetable_pte_dtor first); arch/riscv/include/asm/tlb.h __tlb_remove_table (free_page_and_swap_cache); arch/riscv/mm/tlbflush.c SBI rfence (v6.13)',
  description: 'SBI rfence (no IPIs): RCU table batch; dtor in __pte_free_tlb before the grace period, harmless without PT_RECLAIM.',
  declarations: riscvDeclarations('sbi'),
};

export default adapter;
