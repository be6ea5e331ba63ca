/**
 * The Xen PV pv-ops of the PTE level, written anew from arch/x86/xen/mmu_pv.c (torvalds/linux
 * @ 03c11eb3, whose `xen_alloc_ptpage`, `xen_release_ptpage`, `xen_unpin_page`,
 * `xen_exit_mmap` read the same from v4.x to 2026): `pv_ops.mmu.alloc_pte` = `xen_alloc_pte`,
 * `pv_ops.mmu.release_pte` = `xen_release_pte`, `pv_ops.mmu.exit_mmap` = `xen_exit_mmap`, and
 * `pv_ops.mmu.tlb_remove_table` = `tlb_remove_table`. Shared by the Xen PV adapters
 * (./xen-pv-v6.6.ts, ./xen-pv-v6.14.ts); the hypervisor side is src/kernel/xen.ts.
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
 * model's per-run pgd pin.
 */
import {
  __pin_pagetable_pfn, __set_pfn_prot, ClearPagePinned, PagePinned, SetPagePinned, spin_lock, spin_unlock,
  tlb_remove_table, xen_pgd_pinned, xen_pmd_walk_pages, xen_unpin_pgd,
  type Mm, type MmuGather, type Page, type PgtableT,
} from '../../src/kernel';
import { page_to_pfn } from './pgalloc';

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

/** `xen_release_ptpage(pfn, PT_PTE)`: if pinned, unpin (split ptlocks), make it writable, ClearPagePinned. */
export function xen_release_pte(pfn: number, page: Page): void {
  if (PagePinned(page)) {
    if (splitPtl(page)) __pin_pagetable_pfn('MMUEXT_UNPIN_TABLE', pfn);
    __set_pfn_prot(pfn, 'PAGE_KERNEL');
    ClearPagePinned(page);
  }
}

/**
 * `paravirt_release_pte(pfn)` = `PVOP_VCALL1(mmu.release_pte, pfn)` → `xen_release_pte(pfn)`
 * (`pfn_to_page(pfn)` is passed along: the model has no mem_map lookup for adapters).
 */
export function paravirt_release_pte(page: Page): void {
  xen_release_pte(page_to_pfn(page), page);
}

/** `paravirt_tlb_remove_table(tlb, table)`: Xen's `pv_ops.mmu.tlb_remove_table` is `tlb_remove_table`. */
export function paravirt_tlb_remove_table(tlb: MmuGather, table: Page): void {
  tlb_remove_table(tlb, table);
}

/** `xen_unpin_page(mm, page, PT_PTE)`: TestClearPagePinned, unpin under the table's ptl, make it writable. */
function xen_unpin_page(page: Page): void {
  if (!PagePinned(page)) return;
  ClearPagePinned(page);
  const pfn = page_to_pfn(page);
  const ptl = page.ptl; /* xen_pte_lock(page, mm): spin_lock_nest_lock(ptl, &mm->page_table_lock) */
  if (ptl) {
    spin_lock(ptl);
    __pin_pagetable_pfn('MMUEXT_UNPIN_TABLE', pfn);
  }
  __set_pfn_prot(pfn, 'PAGE_KERNEL');
  if (ptl) spin_unlock(ptl); /* xen_mc_callback(xen_pte_unlock, ptl) */
}

/** `__xen_pgd_unpin(mm, pgd)`: unpin the pgd, then every table page of the tree. */
function xen_pgd_unpin(mm: Mm): void {
  xen_unpin_pgd(mm);
  const pages = xen_pmd_walk_pages(mm);
  for (let i = 0; i < pages.length; i++) xen_unpin_page(pages[i]!);
}

/** `xen_exit_mmap(mm)` (`pv_ops.mmu.exit_mmap`, arch_exit_mmap): unpin the tree before free_pgtables. */
export function xen_exit_mmap(mm: Mm): void {
  spin_lock(mm.page_table_lock);
  /* pgd may not be pinned in the error exit path of execve */
  if (xen_pgd_pinned(mm)) xen_pgd_unpin(mm);
  spin_unlock(mm.page_table_lock);
}
