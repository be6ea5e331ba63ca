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
 */
import {
  generic_pte_free_defer, page_ptdesc, paravirt_release_pte, tlb_remove_table, type Adapter, type MmuGather, type Page,
  type Ptdesc,
} from '../../src/kernel';
import { page_to_pfn, pte_alloc_one, pte_free_v6_14 } from './pgalloc';

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
  declarations: {
    // x86_64 defconfig: NR_CPUS=64 >= SPLIT_PTLOCK_CPUS, so split PTE ptlocks (see the x86 report on
    // unsplit ptlocks + PT_RECLAIM vs collapse_pte_mapped_thp).
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: true, flushTransport: 'hypercall', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },
  pte_alloc_one(mm) {
    return pte_alloc_one(mm, false);
  },
  pte_free: pte_free_v6_14,
  pte_free_defer: generic_pte_free_defer,
  __pte_free_tlb(tlb, pte) {
    ___pte_free_tlb(tlb, pte as Page);
  },
  /* no __tlb_remove_table: the generic one (pagetable_dtor + pagetable_free) from v6.14 */
};

export default adapter;
