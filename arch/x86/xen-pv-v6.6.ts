/**
 * x86_64 Xen PV guest, v6.6 (v4.19 .. v6.13 shape). PARAVIRT selects MMU_GATHER_RCU_TABLE_FREE
 * and Xen sets `pv_ops.mmu.tlb_remove_table = tlb_remove_table`, so `___pte_free_tlb()` runs the
 * dtor, `paravirt_release_pte()` (Xen unpins the table: ./xen-pv.ts) and sends the table to the
 * RCU table batch; the TLB flush is the `xen_flush_tlb_multi()` hypercall (no IPI to preempted
 * vCPUs). `pmd_populate()` pins every new table of the pinned mm (`xen_alloc_pte`), and
 * `arch_exit_mmap()` is `xen_exit_mmap()`, which unpins the tree before `free_pgtables()`.
 *
 * Kconfig and runtime facts: x86_64 only (32-bit Xen PV removed in v5.9), so no HIGHPTE; no THP
 * at run time (Xen PV hides PSE, `has_transparent_hugepage()` is false); split PTE ptlocks
 * drawn per run (`USE_SPLIT_PTE_PTLOCKS` decides whether `xen_alloc_ptpage()` pins the L1 table
 * on its own).
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` (v4.19 .. v6.13),
 * arch/x86/include/asm/pgalloc.h `pmd_populate` (`paravirt_alloc_pte`),
 * arch/x86/xen/mmu_pv.c (`xen_alloc_pte`, `xen_release_pte`, `xen_exit_mmap`, `xen_mmu_ops`),
 * arch/x86/include/asm/tlb.h `__tlb_remove_table` (v4.19 .. v6.13).
 */
import { pagetable_dtor, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { X86_DECLARATIONS } from './declarations';
import { __tlb_remove_table_v4_19, pte_free_v6_5, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';
import { paravirt_release_pte, paravirt_tlb_remove_table, xen_alloc_pte, xen_exit_mmap } from './xen-pv';

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v4.19 .. v6.13) on Xen PV. */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  pagetable_dtor(pte); /* v6.6: pagetable_pte_dtor(page_ptdesc(pte)) */
  paravirt_release_pte(pte);
  paravirt_tlb_remove_table(tlb, pte);
}

const adapter: Adapter = {
  name: 'x86_64-xen-pv-v6.6',
  arch: 'x86',
  era: 'v6.6',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb; arch/x86/include/asm/pgalloc.h pmd_populate; arch/x86/xen/mmu_pv.c xen_alloc_pte/xen_release_pte/xen_exit_mmap/xen_mmu_ops; arch/x86/include/asm/tlb.h __tlb_remove_table (v6.6)',
  description: 'x86_64 Xen PV guest: every table of the running mm is pinned with the hypervisor (pinned at pmd_populate, unpinned by paravirt_release_pte after the pmd is cleared, or by xen_exit_mmap); RCU table batch, hypercall TLB flush, no THP.',
  declarations: {
    ...X86_DECLARATIONS,
    THP: false, MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, flushTransport: 'hypercall',
  },
  ...x86_pte_hooks(pte_free_v6_5, ___pte_free_tlb),
  __tlb_remove_table: __tlb_remove_table_v4_19,
  /* arch/x86/include/asm/pgalloc.h pmd_populate(): paravirt_alloc_pte(mm, pfn) → xen_alloc_pte */
  paravirt_alloc_pte: xen_alloc_pte,
  /* pv_ops.mmu.exit_mmap = xen_exit_mmap */
  arch_exit_mmap: xen_exit_mmap,
  ...x86FlushHooks('v6.5', true),
};

export default adapter;
