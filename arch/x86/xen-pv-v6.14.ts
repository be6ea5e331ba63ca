/**
 * x86_64 Xen PV guest, v6.14+ (Qi Zheng's series: x86 always uses MMU_GATHER_RCU_TABLE_FREE,
 * `___pte_free_tlb()` is `paravirt_release_pte()` + `tlb_remove_ptdesc()`, and the generic
 * `__tlb_remove_table()` runs the dtor after the grace period), with PT_RECLAIM (x86_64,
 * default y): MADV_DONTNEED frees empty tables, which Xen unpins at `___pte_free_tlb()` like
 * `free_pgtables()` does. Pinning as in ./xen-pv.ts; no THP at run time (Xen PV hides PSE).
 *
 * Mirrors arch/x86/mm/pgtable.c `___pte_free_tlb` (v6.14), arch/x86/include/asm/pgalloc.h
 * `pmd_populate`, arch/x86/xen/mmu_pv.c (`xen_alloc_pte`, `xen_release_pte`, `xen_exit_mmap`),
 * include/asm-generic/pgalloc.h `pte_free` (v6.14).
 */
import { page_ptdesc, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { X86_64_PT_RECLAIM_DECLARATIONS } from './declarations';
import { pte_free_v6_14, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';
import { paravirt_release_pte, paravirt_tlb_remove_table, xen_alloc_pte, xen_exit_mmap } from './xen-pv';

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v6.14) on Xen PV. */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  paravirt_release_pte(pte);
  paravirt_tlb_remove_table(tlb, page_ptdesc(pte));
}

const adapter: Adapter = {
  name: 'x86_64-xen-pv-v6.14',
  arch: 'x86',
  era: 'v6.14',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb; arch/x86/include/asm/pgalloc.h pmd_populate; arch/x86/xen/mmu_pv.c xen_alloc_pte/xen_release_pte/xen_exit_mmap/xen_mmu_ops; include/asm-generic/tlb.h __tlb_remove_table (v6.14)',
  description: 'x86_64 Xen PV guest with PT_RECLAIM: tables pinned while linked, unpinned by paravirt_release_pte before the RCU table batch frees them; dtor in the generic __tlb_remove_table; no THP.',
  /* A Xen PV guest has no VT-d of its own (Xen owns the IOMMU and hides the DMAR table): no SVA binding. */
  declarations: { ...X86_64_PT_RECLAIM_DECLARATIONS, THP: false, flushTransport: 'hypercall', IOMMU_SVA: false },
  ...x86_pte_hooks(pte_free_v6_14, ___pte_free_tlb),
  /* arch/x86/include/asm/pgalloc.h pmd_populate(): paravirt_alloc_pte(mm, pfn) → xen_alloc_pte */
  paravirt_alloc_pte: xen_alloc_pte,
  /* pv_ops.mmu.exit_mmap = xen_exit_mmap */
  arch_exit_mmap: xen_exit_mmap,
  ...x86FlushHooks('v6.14', true),
};

export default adapter;
