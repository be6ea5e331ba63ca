/**
 * The mm's PMD table, for adapters that provide `pmd_alloc_one` and `__pmd_free_tlb`: the one
 * table that holds the model's pmd slots (`mm.pmds`).
 *
 * - Allocated at setup, as the first fault would (mm/memory.c `__pmd_alloc()`: `pmd_alloc_one()`
 *   then `pud_populate()`).
 * - Freed at exit_mmap by `free_pgd_range()` → `free_pud_range()` → the tail of
 *   `free_pmd_range()` (mm/memory.c, v6.6 to 2026): once the PTE tables of the range are gone and
 *   the range covers the whole pud entry within floor/ceiling (always at exit: floor
 *   FIRST_USER_ADDRESS, ceiling USER_PGTABLES_CEILING), `pud_clear()` then
 *   `pmd_free_tlb(tlb, pmd, start)`, which is include/asm-generic/tlb.h's
 *   `tlb_flush_pud_range(tlb, address, PAGE_SIZE); tlb->freed_tables = 1; __pmd_free_tlb(...)`
 *   (s390 defines the whole `pmd_free_tlb`: its hook does what the generic wrapper does too, as
 *   its `__pte_free_tlb` does).
 *
 * Where the model simplifies: munmap never frees the PMD table (the kernel does when no VMA is
 * left within the pud range between floor and ceiling; the model's mmap after munmap would
 * then need `__pmd_alloc()` again); fork's child mm has no PMD table; the PUD and upper levels
 * are not modelled; adapters without the hooks have no PMD table at all.
 */
import type { Step } from '../model/actor';
import { callHook, runToEnd } from '../model/coroutine';
import type { MmuGather } from '../model/gather';
import { current } from '../model/world';
import { slotAddress } from './memory';
import { __tlb_adjust_range, tlb_set_freed_tables } from './mmu_gather';
import { PAGE_SIZE } from '../model/types';

/** Setup: the mm's PMD table from the arch's `pmd_alloc_one()` (run to its end, alone on cpu0). */
export function pmd_table_setup(): void {
  const w = current();
  const a = w.adapter;
  if (!a.pmd_alloc_one) return;
  if (!a.__pmd_free_tlb) throw new Error(`adapter ${a.name}: pmd_alloc_one without __pmd_free_tlb`);
  // __pmd_alloc() → -ENOMEM on NULL: that fault fails (VM_FAULT_OOM) and a later one allocates
  // again. Only the PMD ctor's ptlock allocation fails in the model (a drawn bit, finitely many):
  // more NULLs than there are bits is the adapter's error.
  for (let attempt = 0; attempt <= 32; attempt++) {
    const pmd = runToEnd(a.pmd_alloc_one(w.mm), 'pmd_alloc_one');
    if (pmd !== null && pmd !== undefined && pmd !== 0) {
      w.mm.pmdTable = pmd;
      w.record(() => `pud_populate(pud, pmd table)`);
      return;
    }
  }
  throw new Error(`adapter ${a.name}: pmd_alloc_one() keeps returning NULL`);
}

/** The tail of `free_pmd_range()` at exit_mmap: `pud_clear()`, then `pmd_free_tlb(tlb, pmd, start)`. */
export function* free_pmd_table(tlb: MmuGather): Step {
  const w = current();
  const pmd = w.mm.pmdTable;
  if (pmd === undefined || pmd === null) return;
  w.mm.pmdTable = undefined;
  const start = slotAddress(0);
  w.record('free_pgd_range: pud_clear(pud) (the pmd table)');
  yield;
  // asm-generic pmd_free_tlb(): tlb_flush_pud_range(tlb, address, PAGE_SIZE); tlb->freed_tables = 1.
  __tlb_adjust_range(tlb, start, PAGE_SIZE);
  tlb_set_freed_tables(tlb);
  yield* callHook(w.adapter.__pmd_free_tlb!(tlb, pmd, start));
}
