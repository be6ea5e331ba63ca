/**
 * Known-bad (B35): riscv IPI remote fence with the v6.14 code, once empty-table reclaim can
 * reach its tables. MMU_GATHER_RCU_TABLE_FREE is selected, but with IPI rfence
 * `riscv_tlb_remove_ptdesc()` runs `pagetable_dtor()` at once and frees the table through the
 * page batch right after the flush IPI. The IPI holds off IRQs-off walkers (GUP-fast) only, not
 * `rcu_read_lock()` walkers: with PT_RECLAIM, MADV_DONTNEED unlinks empty tables such a walker
 * may still be reading (S0:783-799, contracts.md B35).
 *
 * riscv-ipi-v6.14 (same hooks) with PT_RECLAIM declared; riscv never shipped it (no
 * ARCH_SUPPORTS_PT_RECLAIM in v6.14). The model reports C-DT-1 (separately allocated ptlock)
 * or C-DT-6 (embedded ptlock): the dtor runs while the walker still maps the table, before the
 * page-batch free that is B35's use-after-free (C-LT-1). A run stops at its first violation and
 * the dtor always precedes the free, so C-LT-1 is never the first; the early dtor is exactly
 * what the model can attribute.
 */
import type { Adapter } from '../../src/kernel';
import { hooksV6_14, riscvDeclarations } from './pgalloc';
import { riscvFlushHooks } from './tlb';

const adapter: Adapter = {
  ...hooksV6_14,
  ...riscvFlushHooks,
  name: 'riscv-ipi-v6.14-reclaim',
  arch: 'riscv',
  era: 'v6.14',
  source: 'arch/riscv/include/asm/pgalloc.h riscv_tlb_remove_ptdesc (IPI branch: pagetable_dtor + tlb_remove_page_ptdesc) @ 8e73eeb4 (v6.14), with CONFIG_PT_RECLAIM (S0:783-799)',
  description: 'The v6.14 IPI-rfence code under empty-table reclaim: dtor at unlink time, page batch freed after the IPI flush without waiting for RCU walkers.',
  knownBad: {
    kind: 'historical',
    contracts: ['C-DT-1', 'C-DT-6'],
    fix: 'riscv: pgtable: unconditionally use tlb_remove_ptdesc() (Qi Zheng, 2025; v6.15): the IPI path also frees through the RCU table batch, the dtor in the generic __tlb_remove_table()',
  },
  declarations: riscvDeclarations('ipi', true),
};

export default adapter;
