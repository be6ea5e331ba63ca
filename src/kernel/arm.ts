/**
 * arm (32-bit) primitives of arch/arm/include/asm/pgalloc.h `pte_alloc_one()`: the page-flag
 * test `PageHighMem()` and `clean_pte_table()`, the cache maintenance of a new lowmem table.
 *
 * `clean_pte_table(pte)` is `clean_dcache_area(pte + PTE_HWTABLE_PTRS, PTE_HWTABLE_SIZE)`: it
 * writes the zeroed hardware table back from the D-cache for CPUs whose table walker does not
 * read the L1 cache. The registered arm adapters are SMP on Cortex-A9/A15-class ARMv7 CPUs,
 * where `cpu_v7_dcache_clean_area` (arch/arm/mm/proc-v7.S) is `ALT_SMP(W(nop))` "MP extensions
 * imply L1 PTW": it returns at once, without touching the area. So the model records the call
 * and changes nothing (model limit: no UP or pre-v7 arm adapter, whose walker reads RAM, is
 * registered, and the D-cache is not modelled).
 *
 * Both are plain functions, not preemption points: they touch only the page this CPU has just
 * allocated.
 */
import type { Page } from '../model/types';
import { current } from '../model/world';
import { PageHighMem as isHighMem } from '../model/highmem';

/** `PageHighMem(page)`: a test of the page's zone; `page` NULL is a NULL pointer dereference (an oops). */
export function PageHighMem(page: Page | null): boolean {
  const w = current();
  if (!page) throw new Error(`PageHighMem(NULL) on ${w.cur.name}: NULL pointer dereference (the kernel oopses)`);
  return isHighMem(w, page);
}

/** arch/arm/include/asm/pgalloc.h `clean_pte_table(pte)`: a nop on SMP ARMv7 (see the module comment). */
export function clean_pte_table(pte: number): void {
  const w = current();
  w.record(() => `clean_pte_table(${pte ? w.ptName(pte) : 'NULL'}): cpu_v7_dcache_clean_area is a nop on SMP (the table walker reads L1)`);
}
