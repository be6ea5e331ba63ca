/**
 * x86 PARAVIRT guest with a paravirtualised TLB flush, 2012 (v3.x), before RCU table free:
 * KNOWN BAD (contracts.md B14, C-LT-3; plus the generic 2012 zap's B30, C-GA-7).
 *
 * In 2012 `config X86` selected nothing RCU-related (torvalds/linux arch/x86/Kconfig @ 6416f0bf),
 * and `pv_mmu_ops` had no `tlb_remove_table` member (arch/x86/kernel/paravirt.c @ 030cb6c0).
 * `___pte_free_tlb()` ran the dtor, the pv release hook, and `tlb_remove_page()`: the table went
 * to the page batch and was freed right after the TLB flush. On bare metal the flush is an IPI
 * the sender waits for, and `get_user_pages_fast()` holds it off with IRQs disabled. A PV guest
 * (Xen PV `flush_tlb_others` hypercall; the KVM PV flush Nikunj Dadhania proposed) flushes
 * through the hypervisor without interrupting a preempted vCPU: "If a vcpu were to be preempted
 * while in this critical section, another vcpu tearing down page tables would go ahead and
 * destroy them" (S1:10-14). The model's `hypercall` transport is exactly that flush (no IPI).
 *
 * Mirrors arch/x86/mm/pgtable.c v3.x `pte_alloc_one` (alloc_pages + pgtable_page_ctor) and
 * `___pte_free_tlb` (pgtable_page_dtor, paravirt_release_pte, tlb_remove_page; shape of
 * torvalds/linux @ 6b7781b4 without the p4d level), arch/x86/include/asm/pgalloc.h `pte_free`
 * (v3.x). No pte_free_defer: it does not exist before v6.5.
 */
import { pagetable_dtor, paravirt_release_pte, tlb_remove_page, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { page_to_pfn, pte_alloc_one_v3, pte_free_v6_5 } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v3.x). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  pagetable_dtor(pte); /* pgtable_page_dtor(pte) */
  paravirt_release_pte(page_to_pfn(pte));
  tlb_remove_page(tlb, pte);
}

const adapter: Adapter = {
  name: 'x86-pv-2012',
  arch: 'x86',
  era: '2012',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb (v3.x); arch/x86/include/asm/pgalloc.h pte_free (v3.x); arch/x86/kernel/paravirt.c pv_mmu_ops without tlb_remove_table (torvalds/linux @ 030cb6c0); PV flush_tlb_others by hypercall',
  description: 'Xen PV guest of 2012 (and the KVM PV-flush guest proposed then): page tables freed through the page batch after a PV TLB flush that does not interrupt preempted vCPUs, so a gup_fast inside its IRQs-off section can read a freed table.',
  knownBad: {
    kind: 'historical',
    // C-LT-3 is this adapter's bug (B14). C-GA-7 is the generic 2012 mm's (B30: zap_pte_range
    // removed the rmap of dirty file pages before the TLB flush), which every 2012-era adapter has.
    contracts: ['C-LT-3', 'C-GA-7'],
    fix: 'C-LT-3: x86/mm: Enable RCU based page table freeing (CONFIG_HAVE_RCU_TABLE_FREE=y), Vitaly Kuznetsov, 9e52fc2b50de, v4.14 (first proposed as PeterZ\'s "kvm,x86: RCU based table free", 2012, S1 / LWN 500188; since v4.19 pv_ops.mmu.tlb_remove_table = tlb_remove_table, PeterZ 48a8b97cfd80). C-GA-7: mm: delay page_remove_rmap() until after the TLB has been flushed (Linus Torvalds, v6.2)',
  },
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: false,
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'hypercall', mmCpumask: 'clear-on-switch', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  /* arch/x86/mm/pgtable.c (v3.x): pte_alloc_one() → alloc_pages(__userpte_alloc_gfp, 0) + pgtable_page_ctor */
  pte_alloc_one(mm) {
    return pte_alloc_one_v3(mm, false);
  },

  /* arch/x86/include/asm/pgalloc.h (v3.x): pte_free() → pgtable_page_dtor + __free_page */
  pte_free: pte_free_v6_5,

  /* arch/x86/include/asm/pgalloc.h: __pte_free_tlb() → ___pte_free_tlb(tlb, pte) */
  __pte_free_tlb(tlb, pte) {
    ___pte_free_tlb(tlb, pte as Page);
  },
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('2012', true),
};

export default adapter;
