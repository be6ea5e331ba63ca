/**
 * Slab caches for page tables that are not whole ptdescs (sparc64 `pgtable_cache`, which holds
 * its PMD and PUD tables) and the PMD-table ctor/dtor (`pagetable_pmd_ctor` /
 * `pagetable_pmd_dtor`, include/linux/mm.h v6.6).
 *
 * Model: a `pgtable_cache` object is PAGE_SIZE and page-aligned (arch/sparc/mm/init_64.c
 * `pgtable_cache_init()`: `kmem_cache_create("pgtable_cache", PAGE_SIZE, PAGE_SIZE, ...)`), so
 * each object is one model page of use `table`, level `pmd` (the teardown leak check, C-TD-1,
 * sees it like any table page). `kmem_cache_free()` frees only the exact address of a live
 * object of that cache: any other pointer frees nothing (mm/slub.c v6.6 `cache_from_obj()` /
 * `virt_to_cache()` WARN on a page that is not a slab page; a pointer inside the object
 * corrupts the freelist), so the real object leaks and teardown reports it.
 */
import { checkAllocation } from '../model/monitors';
import { PAGE_SIZE, type Page } from '../model/types';
import { current } from '../model/world';
import { freeTablePage, ptlockAllocFails, type Gfp, type Ptdesc } from './page';
import { WARN_ON_ONCE } from './sync';

/** `struct kmem_cache` (by name). */
export interface KmemCache {
  readonly name: string;
}

/** sparc64 `pgtable_cache` (arch/sparc/mm/init_64.c). */
export const pgtable_cache: KmemCache = { name: 'pgtable_cache' };

/** The live objects of every cache: page → (cache, page generation at allocation). */
const objects = new WeakMap<Page, { cache: KmemCache; gen: number }>();

/** The live object of `cache` that starts exactly at `va`, or null. */
function objectAt(cache: KmemCache, va: number): Page | null {
  const p = current().pageOfVa(va);
  if (!p || va % PAGE_SIZE !== 0 || p.use !== 'table') return null;
  const o = objects.get(p);
  return o && o.cache === cache && o.gen === p.gen ? p : null;
}

/** `kmem_cache_alloc(cache, gfp)`: a zeroed PMD/PUD table object; its kernel virtual address. */
export function kmem_cache_alloc(cache: KmemCache, gfp: Gfp): number {
  const w = current();
  checkAllocation(w, `kmem_cache_alloc(${cache.name}, ${gfp})`);
  const p = w.allocPage('table', w.cur.op);
  p.level = 'pmd';
  objects.set(p, { cache, gen: p.gen });
  const name = w.pageName(p);
  w.record(() => `kmem_cache_alloc(${cache.name}, ${gfp}) = ${name}`, name);
  return w.vaOfPage(p);
}

/** `kmem_cache_free(cache, obj)`: frees the object at `obj`, or nothing when `obj` is not one (see the file comment). */
export function kmem_cache_free(cache: KmemCache, obj: number): void {
  const w = current();
  const p = objectAt(cache, obj);
  if (p) {
    objects.delete(p);
    freeTablePage(p, 'kmem_cache_free', `kmem_cache_free(${cache.name}, ...)`);
    return;
  }
  const at = `0x${obj.toString(16)}`;
  const page = w.pageOfVa(obj);
  const slab = page && page.use === 'table' && objects.get(page)?.gen === page.gen;
  w.record(`kmem_cache_free(${cache.name}, ${at}): not an object of ${cache.name}, nothing freed`);
  if (!slab) WARN_ON_ONCE(true, `kmem_cache_free(${cache.name}, ${at}): virt_to_cache(): Object is not a Slab page!`);
}

/**
 * `pagetable_pmd_ctor(ptdesc)` (v6.6): `pmd_ptlock_init()`, then PageTable type and
 * NR_PAGETABLE. With split ptlocks allocated separately (ALLOC_SPLIT_PTLOCKS) the ptlock
 * allocation may fail (the run's drawn `ptlockAllocFail` bits, as for the PTE ctor); the lock
 * itself is not modelled (the model's pmd lock is `mm.pmdTableLock`). Only s390 calls it, and
 * s390 selects ARCH_ENABLE_SPLIT_PMD_PTLOCK.
 */
export function pagetable_pmd_ctor(pt: Ptdesc): boolean {
  const w = current();
  if (ptlockAllocFails(pt, 'pagetable_pmd_ctor')) return false;
  pt.ctorCount++;
  pt.pageTable = true;
  pt.level = 'pmd';
  w.nrPagetable++;
  const name = w.pageName(pt);
  w.record(() => `pagetable_pmd_ctor(${name})`, name);
  return true;
}
