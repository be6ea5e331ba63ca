/**
 * x86_64 PARAVIRT KVM guest with PV TLB flush, v6.14: RCU table free (PARAVIRT, and PT_RECLAIM
 * selects it too), PT_RECLAIM (x86_64, default y), `pv_ops.mmu.tlb_remove_table =
 * tlb_remove_table` (kvm_guest_init), and the dtor moved out of `___pte_free_tlb()` into the
 * generic `__tlb_remove_table()` (`pagetable_dtor` + `pagetable_free`, after the grace period).
 * With PT_RECLAIM, RCU walkers can reach tables freed through the mmu_gather, so the dtor
 * placement matters here (contracts.md B1).
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` (v6.14, [ML id 36314449858]),
 * arch/x86/include/asm/paravirt.h `paravirt_tlb_remove_table`, arch/x86/kernel/kvm.c
 * `kvm_guest_init`, include/asm-generic/tlb.h `__tlb_remove_table` (generic, v6.14),
 * include/asm-generic/pgalloc.h `pte_free`, mm/pgtable-generic.c `pte_free_defer` (v6.14).
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): matches v6.14. Flush side, not modelled:
 * `flush_tlb_range()` (pmdp_collapse_flush) still passes freed_tables = false, so lazy-TLB CPUs
 * get no IPI for a retracted table (fixed by 3ef938c35035, v6.15); the should_flush_tlb() /
 * switch_mm_irqs_off() race that can skip a CPU switching into the mm (fea4e317f9e7, v6.15-rc6;
 * 83b0177a6c48, v6.18-rc) is open in this era.
 */
import {
  page_ptdesc, paravirt_release_pte, tlb_remove_table, type Adapter, type MmuGather, type Page, type Ptdesc,
} from '../../src/kernel';
import { X86_64_PT_RECLAIM_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_14, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** `paravirt_tlb_remove_table()` → `pv_ops.mmu.tlb_remove_table` = `tlb_remove_table` (KVM PV TLB flush). */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Ptdesc): void {
  tlb_remove_table(tlb, table);
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v6.14). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  paravirt_release_pte(page_to_pfn(pte));
  paravirt_tlb_remove_table(tlb, page_ptdesc(pte));
}

const adapter: Adapter = {
  name: 'x86_64-pv-v6.14',
  arch: 'x86',
  era: 'v6.14',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb; arch/x86/include/asm/paravirt.h paravirt_tlb_remove_table; arch/x86/kernel/kvm.c kvm_guest_init; include/asm-generic/tlb.h __tlb_remove_table; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.14)',
  description: 'x86_64 KVM guest with PV TLB flush and PT_RECLAIM: RCU table batch, dtor in the generic __tlb_remove_table after the grace period.',
  /* Modelled without an SVA device: a KVM guest's vIOMMU rarely offers PASID/SVA binding of guest processes; the bare-metal x86_64 adapters carry it. */
  declarations: { ...X86_64_PT_RECLAIM_DECLARATIONS, flushTransport: 'hypercall', IOMMU_SVA: false },
  ...x86_pte_hooks(pte_free_v6_14, ___pte_free_tlb),
  /* no __tlb_remove_table: the generic one (pagetable_dtor + pagetable_free) from v6.14 */
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('v6.14', true),
};

export default adapter;
