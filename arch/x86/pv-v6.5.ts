/**
 * x86 PARAVIRT KVM guest with PV TLB flush, v6.6 (model era 'v6.6'). PARAVIRT selects
 * MMU_GATHER_RCU_TABLE_FREE (v4.19 .. v6.14), and `kvm_guest_init()` installs
 * `kvm_flush_tlb_multi` (which skips preempted vCPUs: they get KVM_VCPU_FLUSH_TLB on re-entry,
 * no IPI) together with `pv_ops.mmu.tlb_remove_table = tlb_remove_table`. So
 * `___pte_free_tlb()` sends the table to the RCU table batch; gup_fast's IRQs-off section holds
 * off the grace period instead of the flush IPI.
 *
 * The dtor still runs in `___pte_free_tlb()`, at unlink time, *before* the RCU free (the B1
 * shape, contracts.md §3.2 x86). In v6.6 that is harmless: without PT_RECLAIM no RCU walker
 * can reach a table freed by free_pgtables() (its VMA is detached first), and retracted tables
 * go through pte_free_defer(), whose callback runs the dtor.
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` (v4.19 .. v6.13),
 * arch/x86/include/asm/paravirt.h `paravirt_tlb_remove_table` (PVOP mmu.tlb_remove_table),
 * arch/x86/kernel/kvm.c `kvm_guest_init` (pv_tlb_flush_supported), arch/x86/include/asm/tlb.h
 * `__tlb_remove_table` (free_page_and_swap_cache), include/asm-generic/pgalloc.h `pte_free`,
 * mm/pgtable-generic.c `pte_free_defer` (v6.6).
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): named -v6.6, not -v6.5: `pte_free_defer()`
 * is v6.6 code (Hugh Dickins, "mm: free retracted page table by RCU"); era 'v6.6' (was
 * 'v6.5' before the model had that era). Flush side, not modelled: `kvm_flush_tlb_multi()`
 * skips preempted vCPUs, then `native_flush_tlb_multi()` skips lazy-TLB CPUs unless `freed_tables`, and
 * `flush_tlb_range()` (pmdp_collapse_flush) passed freed_tables = false until 3ef938c35035
 * (v6.15). The model's `hypercall` transport invalidates every CPU at once and waits for none.
 */
import { pagetable_dtor, paravirt_release_pte, tlb_remove_table, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { X86_DECLARATIONS } from './declarations';
import { __tlb_remove_table_v4_19, page_to_pfn, pte_free_v6_5, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

/**
 * arch/x86/include/asm/paravirt.h `paravirt_tlb_remove_table(tlb, table)`:
 * `PVOP_VCALL2(mmu.tlb_remove_table, tlb, table)`; a KVM guest with PV TLB flush set it to
 * `tlb_remove_table` (arch/x86/kernel/kvm.c `kvm_guest_init`).
 */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Page): void {
  tlb_remove_table(tlb, table);
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v4.19 .. v6.13). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  pagetable_dtor(pte); /* v6.6: pagetable_pte_dtor(page_ptdesc(pte)); v6.5: pgtable_pte_page_dtor(pte) */
  paravirt_release_pte(page_to_pfn(pte));
  paravirt_tlb_remove_table(tlb, pte);
}

const adapter: Adapter = {
  name: 'x86-pv-v6.6',
  arch: 'x86',
  era: 'v6.6',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb; arch/x86/include/asm/paravirt.h paravirt_tlb_remove_table; arch/x86/kernel/kvm.c kvm_guest_init/kvm_flush_tlb_multi; arch/x86/include/asm/tlb.h __tlb_remove_table; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.6)',
  description: 'KVM guest with PV TLB flush (preempted vCPUs are not interrupted): RCU table batch; the dtor still runs at unlink, before the grace period, which is safe while no RCU walker can reach free_pgtables() tables.',
  declarations: {
    ...X86_DECLARATIONS,
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, flushTransport: 'hypercall',
  },
  ...x86_pte_hooks(pte_free_v6_5, ___pte_free_tlb),
  /* arch/x86/include/asm/tlb.h (v4.19 .. v6.13): free_page_and_swap_cache(table) */
  __tlb_remove_table: __tlb_remove_table_v4_19,
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('v6.5', true),
};

export default adapter;
