/**
 * Highmem PTE tables (CONFIG_HIGHPTE, x86-32 and arm 32-bit): which table pages the adapter
 * allocated from ZONE_HIGHMEM, and the check that such a table is only reached through a
 * temporary mapping (contract C-HP-1).
 *
 * Kernel facts (include/linux/highmem.h, include/linux/pgtable.h `__pte_map` of v6.5+,
 * arch/x86/mm/pgtable.c `__userpte_alloc_gfp`, arch/arm/include/asm/pgalloc.h `PGTABLE_HIGHMEM`):
 * a page from `__GFP_HIGHMEM` has no permanent kernel virtual address, so `page_address()` of
 * it is NULL unless it is kmap()ed, and `pmd_page_vaddr()` (the `__va()` of its physical
 * address) is outside the direct map. With CONFIG_HIGHPTE, `__pte_map()` is
 * `kmap_local_page(pmd_page(*pmd)) + pte_index(addr)` and `pte_unmap()` is `kunmap_local()`;
 * without it `__pte_map()` is `pte_offset_kernel()`, a direct-map access. The model marks a
 * table page highmem when `alloc_page()` got `__GFP_HIGHMEM`, and forgets it when the page is
 * returned to the allocator.
 */
import { PAGE_SIZE, type Page } from './types';
import type { World } from './world';

/** The highmem table pages of each run. */
const highmem = new WeakMap<World, Set<Page>>();

function setOf(w: World): Set<Page> {
  let s = highmem.get(w);
  if (!s) {
    s = new Set();
    highmem.set(w, s);
  }
  return s;
}

/** Whether a GFP mask (the model's string form) asks for highmem. */
export function gfpHighmem(gfp: string): boolean {
  return gfp.includes('__GFP_HIGHMEM');
}

/** Record where `alloc_page(gfp)` put `p`: ZONE_HIGHMEM with `__GFP_HIGHMEM`, else lowmem. */
export function setPageHighMem(w: World, p: Page, high: boolean): void {
  if (high) setOf(w).add(p);
  else highmem.get(w)?.delete(p);
}

/** `PageHighMem(page)`. */
export function PageHighMem(w: World, p: Page): boolean {
  return highmem.get(w)?.has(p) === true;
}

/** The page leaves the run's memory (returned to the allocator): it is no longer a highmem table. */
export function forgetHighMem(w: World, p: Page): void {
  highmem.get(w)?.delete(p);
}

/**
 * C-HP-1 at a kernel-virtual access to table page `p` by `what`: a highmem table must be
 * reached through a kmap_local of it on the current task (`kmapped`), never through its
 * direct-map address.
 */
export function checkHighmemAccess(w: World, p: Page, kmapped: boolean, what: string): void {
  if (kmapped || !PageHighMem(w, p)) return;
  if (w.cur.kmap.some((va) => Math.floor(va / PAGE_SIZE) === p.pfn)) return;
  w.violate('C-HP-1', `${what}: ${w.pageName(p)} was allocated from highmem (__GFP_HIGHMEM) and ${w.cur.name} reaches it through its direct-map address without kmap_local_page(): a highmem page has no kernel mapping there (page_address() is NULL, __va() of it is outside the direct map)`);
}
