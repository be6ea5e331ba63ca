/**
 * riscv, IPI remote fence, v6.9 .. v6.13: MMU_GATHER_RCU_TABLE_FREE is selected but
 * `riscv_tlb_remove_ptdesc()` bypasses it: with IPI rfence the table goes through the page batch
 * (`tlb_remove_page_ptdesc`) and is freed after the IPI flush, which holds off IRQs-off walkers
 * (B35: harmless while RCU walkers cannot reach tables freed through the gather). The dtor runs
 * in `__pte_free_tlb`, at unlink time.
 *
 * Mirrors arch/riscv/include/asm/pgalloc.h `riscv_tlb_remove_ptdesc` / `__pte_free_tlb` (v6.13),
 * arch/riscv/mm/tlbflush.c (`on_each_cpu_mask(... __ipi_flush_tlb_range_asid ...)`),
 * include/asm-generic/pgalloc.h, mm/pgtable-generic.c `pte_free_defer`.
 */
import type { Adapter } from '../../src/kernel';
import { hooksV6_13, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooksV6_13,
  ...riscvFlushHooks,
  name: 'riscv-ipi-v6.13',
  arch: 'riscv',
  era: 'v6.13',
  source: 'arch/riscv/include/asm/pgalloc.h riscv_tlb_remove_ptdesc (!riscv_use_sbi_for_rfence → tlb_remove_page_ptdesc) / __pte_free_tlb (pagetable_pte_dtor first); arch/riscv/mm/tlbflush.c IPI rfence (v6.13)',
  description: 'IPI rfence: page batch freed after the IPI flush; dtor in __pte_free_tlb.',
  declarations: riscvDeclarations('ipi'),
};

export default adapter;
