/**
 * x86-32 PAE + HIGHPTE, PARAVIRT KVM guest with PV TLB flush, v6.6 (model era 'v6.6'). As
 * x86-pv-v6.6 (RCU table batch through `pv_ops.mmu.tlb_remove_table = tlb_remove_table`, flush
 * by `kvm_flush_tlb_multi`, which does not IPI preempted vCPUs), plus GUP_GET_PXX_LOW_HIGH and HIGHPTE. Because
 * MMU_GATHER_RCU_TABLE_FREE is on, `pmdp_get_lockless_sync()` is `tlb_remove_table_sync_one()`,
 * a real IPI to every CPU that the sender waits for: after `pmdp_collapse_flush()` (whose PV
 * flush did not interrupt anyone), it waits out every IRQs-off half read of the old pmd
 * (C-PAE-1: "an interrupt when PAE, and pmdp_collapse_flush() did not already do so").
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one` (HIGHPTE gfp), `___pte_free_tlb` (v4.19 .. v6.13),
 * arch/x86/include/asm/paravirt.h `paravirt_tlb_remove_table`, arch/x86/kernel/kvm.c
 * `kvm_guest_init`, arch/x86/include/asm/tlb.h `__tlb_remove_table`, include/linux/pgtable.h
 * `pmdp_get_lockless_sync` = `tlb_remove_table_sync_one` (v6.6; named -v6.6 by the 2026-12
 * audit, docs/kernel-notes/audit-x86.md).
 */
import type { Adapter } from '../../src/kernel';
import pv from './pv-v6.5';
import { pte_alloc_one } from './pgalloc';

const adapter: Adapter = {
  ...pv,
  name: 'x86-pae-pv-v6.6',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one (HIGHPTE)/___pte_free_tlb; arch/x86/include/asm/paravirt.h paravirt_tlb_remove_table; arch/x86/kernel/kvm.c kvm_guest_init; arch/x86/include/asm/tlb.h __tlb_remove_table; include/linux/pgtable.h pmdp_get_lockless/pmdp_get_lockless_sync (v6.6)',
  description: 'x86-32 PAE/HIGHPTE KVM guest with PV TLB flush: RCU table batch, and pmdp_get_lockless_sync() is a real sync IPI that waits for IRQs-off half readers the PV flush skipped.',
  declarations: {
    ...pv.declarations,
    HIGHPTE: true, GUP_GET_PXX_LOW_HIGH: true,
  },
  pte_alloc_one(mm) {
    return pte_alloc_one(mm, true);
  },
};

export default adapter;
