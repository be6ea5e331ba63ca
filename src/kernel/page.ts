/**
 * Kernel page primitives for adapters: allocation, ptdesc ctor/dtor, address conversion.
 * Names are the kernel's; in the model a `struct ptdesc` is its `struct page`.
 */
import { checkAllocation, checkDataPageFree, checkDtor, checkTablePageFree } from '../model/monitors';
import { PAGE_SIZE, type Page } from '../model/types';
import { current } from '../model/world';
import { checkHighmemAccess, forgetHighMem, gfpHighmem, setPageHighMem } from '../model/highmem';
import { checkPinnedFree } from './xen';
import { checkGmapFree } from '../mm/gmap';

/** `struct ptdesc` (the model uses the page itself). */
export type Ptdesc = Page;
/** GFP flags are accepted for fidelity and ignored, except that every allocation is recorded. */
export type Gfp = string;
/** GFP_KERNEL | __GFP_ACCOUNT, GFP_PGTABLE_USER. */
export const GFP_PGTABLE_USER: Gfp = 'GFP_PGTABLE_USER';
/** GFP_KERNEL. */
export const GFP_KERNEL: Gfp = 'GFP_KERNEL';
/** GFP_NOWAIT. */
export const GFP_NOWAIT: Gfp = 'GFP_NOWAIT';

/** `alloc_page(gfp)`: a page for a page table (the model allocates only table pages through adapters). */
export function alloc_page(gfp: Gfp = GFP_PGTABLE_USER): Page {
  const w = current();
  checkAllocation(w, `alloc_page(${gfp})`);
  const p = w.allocPage('table', w.cur.op);
  setPageHighMem(w, p, gfpHighmem(gfp));
  const name = w.pageName(p);
  w.record(() => `alloc_page(${gfp}) = ${name}`, name);
  return p;
}

/** MAX_PAGE_ORDER (include/linux/mmzone.h, CONFIG_ARCH_FORCE_MAX_ORDER unset): the largest buddy order. */
const MAX_PAGE_ORDER = 10;

/**
 * `pagetable_alloc(gfp, order)`. The model hands out one page whatever the order (a larger
 * order's extra pages are not modelled); an order beyond MAX_PAGE_ORDER (`order` is an
 * `unsigned int`: -1 is huge) is mm/page_alloc.c `__alloc_pages_noprof()`'s
 * `WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp)` before it returns NULL. The order is kept
 * on the page: a PTE table (`pagetable_pte_ctor()`) fits in one page on every arch (at most
 * PTRS_PER_PTE entries, with s390's PGSTEs 4K), so any other order holds 2^order - 1 pages
 * unused for the table's lifetime (C-TD-2; `pagetable_free()` frees the whole compound page, so
 * nothing leaks at teardown). s390's CRST (PMD) tables are order 2 by design.
 */
export function pagetable_alloc(gfp: Gfp = GFP_PGTABLE_USER, order = 0): Ptdesc {
  if (order >>> 0 > MAX_PAGE_ORDER) {
    const w = current();
    w.warn(`__alloc_pages(order ${order >>> 0})`);
    w.violate('C-WARN', `WARNING: pagetable_alloc(${gfp}, ${order}): order ${order >>> 0} > MAX_PAGE_ORDER (the allocation fails)`);
  }
  const p = alloc_page(gfp);
  p.order = order;
  return p;
}

/** `kmalloc(size, gfp)` / `kmem_cache_alloc`: recorded only (C-LT-5 watches it inside pte_free_defer). */
export function kmalloc(size: number, gfp: Gfp = GFP_KERNEL): object {
  const w = current();
  checkAllocation(w, `kmalloc(${size}, ${gfp})`);
  w.record(`kmalloc(${size}, ${gfp})`);
  return {};
}

/** Return a table page to the allocator after the monitors ran (also a slab table's page: src/kernel/slab.ts). */
export function freeTablePage(p: Page, how: 'pagetable_free' | 'swapcache' | 'free_page' | 'kmem_cache_free', fn: string): void {
  const w = current();
  const name = w.pageName(p);
  w.record(() => `${fn}(${name})`, name);
  if (p.use === 'free') {
    w.violate('C-DT-1', `${fn}(${w.pageName(p)}): page already free (double free)`);
    return;
  }
  if (p.use === 'data') checkDataPageFree(w, p);
  else if (p.use === 'table') checkTablePageFree(w, p, how);
  checkPinnedFree(w, p);
  checkGmapFree(w, p);
  forgetHighMem(w, p);
  w.releasePage(p);
}

/** `__free_page(page)`. */
export function __free_page(p: Page): void {
  freeTablePage(p, 'free_page', '__free_page');
}

/** `free_page(addr)`. */
export function free_page(va: number): void {
  freeTablePage(virt_to_page(va), 'free_page', 'free_page');
}

/** `pagetable_free(ptdesc)`. */
export function pagetable_free(pt: Ptdesc): void {
  freeTablePage(pt, 'pagetable_free', 'pagetable_free');
}

/** `free_page_and_swap_cache(page)`: the data-page release path (C-LT-13 if given a table). */
export function free_page_and_swap_cache(p: Page): void {
  freeTablePage(p, 'swapcache', 'free_page_and_swap_cache');
}

/**
 * `ptlock_alloc()` of a ctor (`ptlock_init()` under ALLOC_SPLIT_PTLOCKS): whether this run's next
 * drawn ptlock allocation fails (recorded as `ctor`'s failure). Nothing is allocated without
 * split, separately allocated ptlocks.
 */
export function ptlockAllocFails(pt: Ptdesc, ctor: string): boolean {
  const w = current();
  if (!w.cfg.splitPtl || !w.cfg.allocSplitPtl) return false;
  checkAllocation(w, 'ptlock_alloc');
  if (!((w.cfg.ptlockAllocFail >> w.ptlockAllocs++) & 1)) return false;
  w.record(`${ctor}(${w.pageName(pt)}) = false (ptlock_alloc failed)`, [w.pageName(pt)]);
  return true;
}

/**
 * `pagetable_pte_ctor(ptdesc)` (`pgtable_pte_page_ctor` before v6.6): ptlock_init (allocating
 * the ptlock under ALLOC_SPLIT_PTLOCKS, which may fail), PageTable type, NR_PAGETABLE++.
 */
export function pagetable_pte_ctor(pt: Ptdesc): boolean {
  const w = current();
  if (pt.order) w.violate('C-TD-2', `pagetable_pte_ctor(${w.pageName(pt)}) of an order-${pt.order} pagetable_alloc() for a PTE table, which fits in one page: ${2 ** pt.order - 1} of its ${2 ** pt.order} pages stay unused until the table is freed`);
  if (ptlockAllocFails(pt, 'pagetable_pte_ctor')) return false;
  pt.ctorCount++;
  pt.pageTable = true;
  w.nrPagetable++;
  pt.ptl = w.cfg.splitPtl ? w.newLock(`ptl(${w.pageName(pt)})`) : null;
  const name = w.pageName(pt);
  w.record(() => `pagetable_pte_ctor(${name})`, name, pt.ptl?.name);
  return true;
}

/** `pagetable_dtor(ptdesc)` (`pgtable_pte_page_dtor` / `pagetable_pte_dtor` in older eras): ptlock_free, NR_PAGETABLE--. */
export function pagetable_dtor(pt: Ptdesc): void {
  const w = current();
  const name = w.pageName(pt);
  w.record(() => `pagetable_dtor(${name})`, name, pt.ptl?.name);
  checkDtor(w, pt);
  pt.dtorCount++;
  if (pt.pageTable) w.nrPagetable--;
  pt.pageTable = false;
  if (pt.ptl && w.cfg.allocSplitPtl) pt.ptl.state = 'freed';
}

/** `pagetable_dtor_free(ptdesc)` (v6.14): dtor then free. */
export function pagetable_dtor_free(pt: Ptdesc): void {
  pagetable_dtor(pt);
  pagetable_free(pt);
}

/** `page_address(page)`: NULL in the kernel for a highmem page not kmap()ed (C-HP-1). */
export function page_address(p: Page): number {
  const w = current();
  checkHighmemAccess(w, p, false, 'page_address()');
  return p.pfn * PAGE_SIZE;
}

/** `virt_to_page(addr)`. */
export function virt_to_page(va: number): Page {
  const p = current().pageOfVa(va);
  if (!p) throw new Error(`virt_to_page(0x${va.toString(16)}): not a page of the model`);
  return p;
}

/** `pfn_to_page(pfn)`. */
export function pfn_to_page(pfn: number): Page {
  return virt_to_page(pfn * PAGE_SIZE);
}

/** `virt_to_ptdesc(addr)`. */
export const virt_to_ptdesc = virt_to_page;
/** `ptdesc_address(ptdesc)`. */
export const ptdesc_address = page_address;
/** `page_ptdesc(page)`. */
export function page_ptdesc(p: Page): Ptdesc {
  return p;
}
/** `ptdesc_page(ptdesc)`. */
export function ptdesc_page(pt: Ptdesc): Page {
  return pt;
}
