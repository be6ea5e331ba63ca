/**
 * sparc32 (SRMMU), v6.6: PTE tables are 256-byte chunks of the nocache pool (a bitmap allocator
 * over pool pages), several per 4K page; `pgtable_t` is `pte_t *`. The page's `_refcount` counts
 * its user tables on top of the base reference, and the ctor / dtor run on the first / last user
 * table of a page (Will Deacon, "sparc32: mm: Only call ctor()/dtor() functions for first and
 * last user", 2020). No THP, no MMU_GATHER_TABLE_FREE: __pte_free_tlb is pte_free, at once.
 *
 * Mirrors arch/sparc/mm/srmmu.c `pte_alloc_one`, `pte_free`, `srmmu_get_nocache`,
 * `srmmu_free_nocache` and arch/sparc/include/asm/pgalloc_32.h `pte_alloc_one_kernel`,
 * `__pte_free_tlb` (torvalds/linux @00c010e1; the v6.6 ctor/dtor names from the ptdesc
 * conversion): docs/kernel-notes/arch-powerpc-s390-sparc.md §3.3. Written anew in TypeScript.
 *
 * Model choices (see the adapter's description):
 * - the pool is per run; a pool page is taken from the page allocator when no chunk is free and,
 *   unlike the kernel's permanent pool, given back when its last chunk is freed (so that the
 *   teardown check sees every table page go, and a stale pointer into it becomes visible);
 * - two chunks per page (declarations.tablesPerPage 2) instead of 16: the model's address space
 *   has two pmd slots, and the core treats more than two tables per page as powerpc fragments,
 *   which are never reused (C-PPC-1), whereas nocache chunks are reused at once.
 */
import {
  __free_page, alloc_page, GFP_KERNEL, page_address, pagetable_dtor, pagetable_pte_ctor, PTE_FRAG_NR, PTE_FRAG_SIZE,
  spin_lock, spin_unlock, virt_to_page, __model_world, type Mm, type Page,
} from '../../src/kernel';

/** The nocache pool of a run: its pages and, per page, which chunks are in use. */
interface Pool {
  pages: Page[];
  used: Map<Page, boolean[]>;
}
const pools = new WeakMap<object, Pool>();

function pool(): Pool {
  const w = __model_world();
  let p = pools.get(w);
  if (!p) {
    p = { pages: [], used: new Map() };
    pools.set(w, p);
  }
  return p;
}

/** `srmmu_get_nocache(size, align)`: the lowest free chunk, zeroed; a new pool page if none is free. */
export function srmmu_get_nocache(): number {
  const p = pool();
  for (const page of p.pages) {
    const used = p.used.get(page)!;
    const i = used.indexOf(false);
    if (i >= 0) {
      used[i] = true;
      return page_address(page) + i * PTE_FRAG_SIZE();
    }
  }
  const page = alloc_page(GFP_KERNEL);
  p.pages.push(page);
  p.pages.sort((a, b) => a.pfn - b.pfn);
  const used = new Array<boolean>(PTE_FRAG_NR()).fill(false);
  used[0] = true;
  p.used.set(page, used);
  return page_address(page);
}

/** `srmmu_free_nocache(addr, size)`: clear the chunk's bit (the model returns an empty pool page). */
export function srmmu_free_nocache(addr: number): void {
  const p = pool();
  const page = virt_to_page(addr);
  const used = p.used.get(page);
  if (!used) throw new Error('srmmu_free_nocache: not a nocache pool address');
  const i = Math.floor((addr - page_address(page)) / PTE_FRAG_SIZE());
  if (!used[i]) __model_world().violate('C-DT-1', `srmmu_free_nocache(0x${addr.toString(16)}): chunk already free (double free)`);
  used[i] = false;
  if (used.every((u) => !u)) {
    p.used.delete(page);
    p.pages.splice(p.pages.indexOf(page), 1);
    __free_page(page);
  }
}

/** pgalloc_32.h `pte_alloc_one_kernel(mm)`: a nocache chunk, no ctor. */
export function pte_alloc_one_kernel(mm: Mm): number {
  void mm;
  return srmmu_get_nocache();
}

/** srmmu.c `pte_alloc_one(mm)`: the chunk, and the ctor when it is the page's first user table. */
export function pte_alloc_one(mm: Mm): number | null {
  let ptep: number | null = pte_alloc_one_kernel(mm);
  const page = virt_to_page(ptep);
  spin_lock(mm.page_table_lock);
  if (++page._refcount.counter === 2 && !pagetable_pte_ctor(page)) {
    page._refcount.counter--; // page_ref_dec(page)
    ptep = null; // the chunk itself is not given back
  }
  spin_unlock(mm.page_table_lock);
  return ptep;
}

/** srmmu.c `pte_free(mm, ptep)`: the dtor when it was the page's last user table, then free the chunk. */
export function pte_free(mm: Mm, ptep: number): void {
  const page = virt_to_page(ptep);
  spin_lock(mm.page_table_lock);
  if (--page._refcount.counter === 1) pagetable_dtor(page);
  spin_unlock(mm.page_table_lock);
  srmmu_free_nocache(ptep);
}
