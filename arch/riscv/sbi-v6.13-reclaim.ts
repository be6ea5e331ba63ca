/**
 * Known-bad (B1): riscv SBI rfence with the v6.13 code, once empty-table reclaim can reach its
 * tables. `__pte_free_tlb` runs `pagetable_dtor()` (freeing the ptlock under
 * ALLOC_SPLIT_PTLOCKS, and ending the table's life as a page table) at unlink time, then queues
 * the page in the RCU table batch: "The ptlock is freed immediately but the page table pages is
 * freed later via RCU" (S0:17-22). With PT_RECLAIM, MADV_DONTNEED unlinks empty tables that a
 * `pte_offset_map*()` walker may still hold inside its RCU read section, so the dtor runs while
 * that walker can still take the ptlock.
 *
 * This is riscv-sbi-v6.13 (same hooks, same v6.13 generic code) with PT_RECLAIM declared:
 * riscv never shipped that combination, because Qi Zheng's series moved the dtor before empty
 * table reclaim could reach riscv. Expected: C-DT-1 (the dtor frees a separately allocated
 * ptlock while a reader still maps the table; a lock operation on the freed ptlock, C-DT-3, can
 * only follow that first violation) and, in runs with an embedded ptlock, C-DT-6 (the same early
 * dtor, with no lock freed).
 */
import type { Adapter } from '../../src/kernel';
import { hooksV6_13, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooksV6_13,
  ...riscvFlushHooks,
  name: 'riscv-sbi-v6.13-reclaim',
  arch: 'riscv',
  era: 'v6.13',
  source: 'arch/riscv/include/asm/pgalloc.h __pte_free_tlb (pagetable_pte_dtor, then riscv_tlb_remove_ptdesc → tlb_remove_ptdesc) and arch/riscv/include/asm/tlb.h __tlb_remove_table (v6.13), with CONFIG_PT_RECLAIM (S0:17-22, S0:775-881)',
  description: 'The v6.13 SBI-rfence code under empty-table reclaim: dtor at unlink time, table freed after the grace period.',
  knownBad: {
    kind: 'historical',
    contracts: ['C-DT-1', 'C-DT-6'],
    fix: 'riscv: pgtable: move pagetable_dtor() to __tlb_remove_table() (Qi Zheng, S0:775-881; v6.14)',
  },
  declarations: riscvDeclarations('sbi', true),
};

export default adapter;
