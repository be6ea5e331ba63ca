/**
 * The Xen PV pv-ops of the PTE level, written anew from arch/x86/xen/mmu_pv.c (torvalds/linux
 * @ 03c11eb3, whose `xen_alloc_ptpage`, `xen_release_ptpage`, `xen_unpin_page`,
 * `xen_exit_mmap` read the same from v4.x to 2026): `pv_ops.mmu.alloc_pte` = `xen_alloc_pte`,
 * `pv_ops.mmu.release_pte` = `xen_release_pte`, `pv_ops.mmu.exit_mmap` = `xen_exit_mmap`, and
 * (v4.19 .. v6.14) `pv_ops.mmu.tlb_remove_table` = `tlb_remove_table`, as the KVM PV-flush
 * guest sets it. A Xen PV adapter is {@link xenPvGuest} over the PARAVIRT adapter of its era
 * (./xen-pv-v6.6.ts over ./pv-v6.5.ts, ./xen-pv-v6.14.ts over ./pv-v6.14.ts, ./xen-pv-v6.15.ts
 * over ./v6.15.ts, ./xen-pv-2026.ts over ./2026.ts): the same `___pte_free_tlb()` runs, and its
 * `paravirt_release_pte()` reaches Xen's `pv_ops.mmu.release_pte` through the adapter's
 * `paravirt_release_pte` hook, as one kernel image boots native or under Xen. The hypervisor
 * side is src/kernel/xen.ts.
 *
 * Xen PV guests are x86_64 only since v5.9 ("x86/xen: remove 32-bit Xen PV guest support"), so
 * no HIGHPTE here. Xen PV hides PSE from the guest, so `has_transparent_hugepage()` is false:
 * the adapters declare no THP (khugepaged never retracts a table, and `pte_free_defer()`, built
 * but unused, never releases one).
 *
 * Model simplifications: the multicall batch (`xen_mc_batch()` .. `xen_mc_issue()`) takes effect
 * call by call; `xen_unpin_page()` takes and drops each PTE table's ptl around its own unpin
 * (the kernel drops them all when the batch completes); `xen_drop_mm_ref()` (switching other
 * vCPUs' cr3 away from the exiting mm) is not modelled; `xen_page_pinned(mm->pgd)` is the
 * model's per-mm L4 pin of the pgd (src/kernel/xen.ts), which `pgd_free()` at mmdrop checks;
 * the walk's last `xen_unpin_page(mm, pgd, PT_PGD)` (the pgd page made writable) is part of
 * that unpin.
 */
import {
  __pin_pagetable_pfn, __set_pfn_prot, ClearPagePinned, PagePinned, pfn_to_page, SetPagePinned, spin_lock, spin_lock_nest_lock,
  spin_unlock, xen_pgd_pinned, xen_pmd_walk_pages, xen_unpin_pgd,
  type Adapter, type Mm, type Page, type PgtableT,
} from '../../src/kernel';
import { page_to_pfn } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** USE_SPLIT_PTE_PTLOCKS in the run (NR_CPUS >= SPLIT_PTLOCK_CPUS): the table has its own ptl. */
function splitPtl(page: Page): boolean {
  return page.ptl !== null;
}

/**
 * `xen_alloc_ptpage(mm, pfn, PT_PTE)`: in a pinned mm, mark the new table pinned, make it
 * read-only and pin it as an L1 table (split ptlocks) before `pmd_populate()` links it.
 */
export function xen_alloc_pte(mm: Mm, pgtable: PgtableT): void {
  const page = pgtable as Page;
  const pfn = page_to_pfn(page);
  if (xen_pgd_pinned(mm)) {
    /* struct pages are ready (xen_struct_pages_ready) long before any user mm */
    const pinned = PagePinned(page);
    SetPagePinned(page);
    __set_pfn_prot(pfn, 'PAGE_KERNEL_RO');
    if (splitPtl(page) && !pinned) __pin_pagetable_pfn('MMUEXT_PIN_L1_TABLE', pfn);
  }
}

/**
 * `xen_release_pte(pfn)` (`pv_ops.mmu.release_pte`) → `xen_release_ptpage(pfn, PT_PTE)`: if
 * pinned, unpin (split ptlocks), make it writable, ClearPagePinned.
 */
export function xen_release_pte(pfn: number): void {
  const page = pfn_to_page(pfn);
  if (PagePinned(page)) {
    if (splitPtl(page)) __pin_pagetable_pfn('MMUEXT_UNPIN_TABLE', pfn);
    __set_pfn_prot(pfn, 'PAGE_KERNEL');
    ClearPagePinned(page);
  }
}

/** `xen_unpin_page(mm, page, PT_PTE)`: TestClearPagePinned, unpin under the table's ptl, make it writable. */
function xen_unpin_page(mm: Mm, page: Page): void {
  if (!PagePinned(page)) return;
  ClearPagePinned(page);
  const pfn = page_to_pfn(page);
  const ptl = page.ptl; /* xen_pte_lock(page, mm): the ptl with split PTE ptlocks */
  if (ptl) {
    spin_lock_nest_lock(ptl, mm.page_table_lock);
    __pin_pagetable_pfn('MMUEXT_UNPIN_TABLE', pfn);
  }
  __set_pfn_prot(pfn, 'PAGE_KERNEL');
  if (ptl) spin_unlock(ptl); /* xen_mc_callback(xen_pte_unlock, ptl) */
}

/** `__xen_pgd_unpin(mm, pgd)`: unpin the pgd, then every table page of the tree. */
export function xen_pgd_unpin(mm: Mm): void {
  xen_unpin_pgd(mm);
  const pages = xen_pmd_walk_pages(mm);
  for (let i = 0; i < pages.length; i++) xen_unpin_page(mm, pages[i]!);
}

/** `xen_exit_mmap(mm)` (`pv_ops.mmu.exit_mmap`, arch_exit_mmap): unpin the tree before free_pgtables. */
export function xen_exit_mmap(mm: Mm): void {
  spin_lock(mm.page_table_lock);
  /* pgd may not be pinned in the error exit path of execve */
  if (xen_pgd_pinned(mm)) xen_pgd_unpin(mm);
  spin_unlock(mm.page_table_lock);
}

/**
 * `base` booted as a Xen PV guest (arch/x86/xen/enlighten_pv.c `xen_start_kernel()` →
 * `xen_init_mmu_ops()`: `pv_ops.mmu = xen_mmu_ops`): the era's own hooks, with Xen's
 * `alloc_pte`, `release_pte` and `exit_mmap`, and `xen_flush_tlb_multi()` (a hypercall to every
 * vCPU of the mask) for the flush. `base` must be a CONFIG_PARAVIRT build (its
 * `___pte_free_tlb()` calls the `paravirt_nop` flavour of `paravirt_release_pte()`).
 *
 * Kconfig and runtime facts: XEN_PV is x86_64 only (32-bit Xen PV removed in v5.9), so no
 * HIGHPTE; Xen PV hides PSE, so `has_transparent_hugepage()` is false: no THP at run time
 * (khugepaged never retracts a table, and `pte_free_defer()`, built but unused, never releases
 * one); a Xen PV guest has no VT-d of its own (Xen owns the IOMMU and hides the DMAR table), so
 * no SVA binding. Each variant is the default export of its own file, so `check --adapter FILE`
 * and `npm run mutate` (which follows the default import of `base`) reach the base's code.
 */
export function xenPvGuest(base: Adapter, name: string): Adapter {
  return {
    ...base,
    name,
    source: `${base.source}; arch/x86/xen/mmu_pv.c xen_alloc_pte/xen_release_pte/xen_exit_mmap/xen_mmu_ops, xen_flush_tlb_multi (Xen PV guest)`,
    description: `The ${base.era} PARAVIRT kernel of ${base.name} booted as a Xen PV guest: every table of the running mm is pinned with the hypervisor (pinned at pmd_populate, unpinned by paravirt_release_pte after the pmd is cleared, or by xen_exit_mmap); hypercall TLB flush, no THP.`,
    declarations: { ...base.declarations, THP: false, HIGHPTE: false, flushTransport: 'hypercall', IOMMU_SVA: false },
    /* arch/x86/include/asm/pgalloc.h pmd_populate(): paravirt_alloc_pte(mm, pfn) → xen_alloc_pte */
    paravirt_alloc_pte: xen_alloc_pte,
    /* ___pte_free_tlb(): paravirt_release_pte(pfn) → xen_release_pte */
    paravirt_release_pte: xen_release_pte,
    /* pv_ops.mmu.exit_mmap = xen_exit_mmap */
    arch_exit_mmap: xen_exit_mmap,
    /* pv_ops.mmu.flush_tlb_multi = xen_flush_tlb_multi (./tlb.ts, pv) */
    ...x86FlushHooks(base.era, true),
  };
}
