/**
 * x86 PARAVIRT KVM guest with PV TLB flush, v6.5. PARAVIRT selects MMU_GATHER_RCU_TABLE_FREE
 * (v4.19 .. v6.14), and `kvm_guest_init()` installs `kvm_flush_tlb_multi` (which skips preempted
 * vCPUs: they get KVM_VCPU_FLUSH_TLB on re-entry, no IPI) together with
 * `pv_ops.mmu.tlb_remove_table = tlb_remove_table`. So `___pte_free_tlb()` sends the table to
 * the RCU table batch; gup_fast's IRQs-off section holds off the grace period instead of the
 * flush IPI.
 *
 * The dtor still runs in `___pte_free_tlb()`, at unlink time, *before* the RCU free (the B1
 * shape, contracts.md §3.2 x86). In v6.5 that is harmless: without PT_RECLAIM no RCU walker
 * can reach a table freed by free_pgtables() (its VMA is detached first), and retracted tables
 * go through pte_free_defer(), whose callback runs the dtor.
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` (v4.19 .. v6.5),
 * arch/x86/include/asm/paravirt.h `paravirt_tlb_remove_table` (PVOP mmu.tlb_remove_table),
 * arch/x86/kernel/kvm.c `kvm_guest_init` (pv_tlb_flush_supported), arch/x86/include/asm/tlb.h
 * `__tlb_remove_table` (free_page_and_swap_cache), include/asm-generic/pgalloc.h `pte_free`,
 * mm/pgtable-generic.c `pte_free_defer` (v6.5).
 */
import { pagetable_dtor, paravirt_release_pte, tlb_remove_table, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { X86_DECLARATIONS } from './declarations';
import { __tlb_remove_table_v4_19, page_to_pfn, pte_free_v6_5, x86_pte_hooks } from './pgalloc';

/**
 * arch/x86/include/asm/paravirt.h `paravirt_tlb_remove_table(tlb, table)`:
 * `PVOP_VCALL2(mmu.tlb_remove_table, tlb, table)`; a KVM guest with PV TLB flush set it to
 * `tlb_remove_table` (arch/x86/kernel/kvm.c `kvm_guest_init`).
 */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Page): void {
  tlb_remove_table(tlb, table);
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v4.19 .. v6.5). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  pagetable_dtor(pte); /* pgtable_pte_page_dtor(pte) */
  paravirt_release_pte(page_to_pfn(pte));
  paravirt_tlb_remove_table(tlb, pte);
}

const adapter: Adapter = {
  name: 'x86-pv-v6.5',
  arch: 'x86',
  era: 'v6.5',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb; arch/x86/include/asm/paravirt.h paravirt_tlb_remove_table; arch/x86/kernel/kvm.c kvm_guest_init/kvm_flush_tlb_multi; arch/x86/include/asm/tlb.h __tlb_remove_table; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.5)',
  description: 'KVM guest with PV TLB flush (preempted vCPUs are not interrupted): RCU table batch; the dtor still runs at unlink, before the grace period, which is safe while no RCU walker can reach free_pgtables() tables.',
  declarations: {
    ...X86_DECLARATIONS,
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, flushTransport: 'hypercall',
  },
  ...x86_pte_hooks(pte_free_v6_5, ___pte_free_tlb),
  /* arch/x86/include/asm/tlb.h (v4.19 .. v6.13): free_page_and_swap_cache(table) */
  __tlb_remove_table: __tlb_remove_table_v4_19,
};

export default adapter;
