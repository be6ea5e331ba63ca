/**
 * mips64 with MMIDs (MIPSr6 with `cpu_has_mmid`, e.g. I6500), SMP, v6.15: the page-table freeing
 * of ./mips64-v6.15.ts (page batch after the flush, no MMU_GATHER_RCU_TABLE_FREE), but the TLB
 * flush sends no IPI. arch/mips/kernel/smp.c (torvalds/linux @4ebd5233) `flush_tlb_range()`
 * with `cpu_has_mmid` loops `ginvt_va_mmid(addr); sync_ginv();` over the range (a globalized
 * invalidate that other CPUs execute in hardware, without an interrupt), and `flush_tlb_mm()`
 * relies on the `ginvt` of `drop_mmu_context()` ("No need to worry about other CPUs - the ginvt
 * in drop_mmu_context() will be globalized"). gup_fast on another CPU, which is inside an
 * IRQs-off section, is then not waited for before tlb_batch_pages_flush() frees the tables.
 *
 * Known-bad (suspected): the model's own finding (docs/kernel-notes/audit-mips.md), the mips
 * analogue of the 2012 x86 PV guest (B14); not reported upstream as far as the index shows.
 * The 2025/2026 patch that selects MMU_GATHER_RCU_TABLE_FREE for mips would repair it.
 */
import type { Adapter } from '../../src/kernel';
import mips64 from './mips64-v6.15';

const adapter: Adapter = {
  ...mips64,
  name: 'mips64-mmid-v6.15',
  source: `${mips64.source}; arch/mips/kernel/smp.c flush_tlb_range/flush_tlb_mm with cpu_has_mmid (ginvt, no IPI) @4ebd5233`,
  description: 'mips64 with MMIDs: tables freed through the page batch after a ginvt broadcast flush that interrupts no CPU, so a gup_fast inside its IRQs-off section can read a freed table.',
  knownBad: {
    kind: 'suspected',
    contracts: ['C-LT-3'],
    fix: 'none upstream (the model\'s own finding): free page tables after an RCU grace period on MMID systems (select MMU_GATHER_RCU_TABLE_FREE, as proposed for mips in 2025), or send tlb_remove_table_sync_one()-style IPIs before freeing',
  },
  declarations: { ...mips64.declarations, flushTransport: 'broadcast' },
};

export default adapter;
