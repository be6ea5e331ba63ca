/**
 * The generic mmu_gather (mm/mmu_gather.c and include/asm-generic/tlb.h), era-aware.
 * The entry points adapter hooks call (`tlb_remove_table`, `tlb_remove_page`, ...) are steps:
 * a full batch is flushed and freed inside the call, and a failed batch allocation runs the
 * fallback (invalidate, then `tlb_remove_table_one()`) inside the call, as in the kernel. The
 * batch capacities are drawn per scenario and small (`RunConfig.batch`), so full batches happen.
 */
import { BLOCKED, type Step } from '../model/actor';
import { MAX_GATHER_BATCH_COUNT, type MmuGather } from '../model/gather';
import { callHook } from '../model/coroutine';
import type { Mm } from '../model/mm';
import { PAGE_SIZE, type Page, type RcuHead } from '../model/types';
import { current } from '../model/world';
import { checkDataPageFree } from '../model/monitors';
import { call_rcu } from '../kernel/sync';
import { __free_page, pagetable_dtor, pagetable_dtor_free, type Ptdesc } from '../kernel/page';
import { fallbackInvalidates, genericTlbRemoveTable, removeTableOne, tlbFinishFlushesNested, tlbRemoveTableHasDtor } from './era';
import { tlb_remove_table_sync_one } from './tlbflush';
import { arch_tlb_flush } from './context';
import { page_remove_rmap } from './rmap';
import { mmu_notifier_invalidate_range } from './mmu_notifier';

/** `tlb_gather_mmu(tlb, mm)` / `tlb_gather_mmu_fullmm`: delayed_rmap starts at 0 (C-GA-5). */
export function tlb_gather_mmu(mm: Mm, fullmm: boolean): MmuGather {
  const w = current();
  const tlb: MmuGather = {
    id: w.id(), mm, fullmm, freed_tables: false, start: Number.MAX_SAFE_INTEGER, end: 0,
    delayed_rmap: false, batches: [[]], batch: null, pendingTables: [],
  };
  w.gathers.push(tlb);
  inc_tlb_flush_pending(mm);
  w.record(() => `tlb_gather_mmu${fullmm ? '_fullmm' : ''}(tlb#${tlb.id})`);
  return tlb;
}

/** `__tlb_adjust_range(tlb, address, range_size)` (address in bytes of user VA). */
export function __tlb_adjust_range(tlb: MmuGather, address: number, size: number): void {
  const first = Math.floor(address / PAGE_SIZE);
  const last = Math.ceil((address + size) / PAGE_SIZE);
  tlb.start = Math.min(tlb.start, Math.max(0, first));
  tlb.end = Math.max(tlb.end, last);
}

/** `tlb_flush_pmd_range(tlb, address, size)`. */
export function tlb_flush_pmd_range(tlb: MmuGather, address: number, size: number): void {
  __tlb_adjust_range(tlb, address, size);
}

/** The tables of `tlb` were unlinked: the flush must also drop paging-structure caches. */
export function tlb_set_freed_tables(tlb: MmuGather): void {
  tlb.freed_tables = true;
}

/** Which pages a table argument of tlb_remove_table() refers to (model bookkeeping only). */
function tablePage(table: unknown): Page | undefined {
  const w = current();
  if (typeof table === 'number') return w.pageOfVa(table);
  return table as Page;
}

// ------------------------------------------------------------------ page batch

/** `tlb_next_batch()`: false once delayed_rmap is set (C-GA-3) or the chain is full. */
function tlb_next_batch(tlb: MmuGather): boolean {
  if (tlb.delayed_rmap) return false;
  if (tlb.batches.length >= MAX_GATHER_BATCH_COUNT) return false;
  tlb.batches.push([]);
  return true;
}

/**
 * `__tlb_remove_page_size(tlb, page, delay_rmap)`: returns true when the batch is full and the
 * caller must flush. s390 (`noGather`) frees at once and returns false.
 */
export function __tlb_remove_page_size(tlb: MmuGather, page: Page, delayRmap: boolean, from: { slot: number; index: number } | null = null): boolean {
  const w = current();
  if (w.decl.noGather) {
    w.record(`__tlb_remove_page_size(${w.pageName(page)}): free at once (no gather)`);
    put_page(page);
    return false;
  }
  const active = tlb.batches[tlb.batches.length - 1]!;
  active.push({ page, delayRmap, from });
  if (page.use === 'table') tlb.pendingTables.push(page);
  if (delayRmap) tlb.delayed_rmap = true;
  const name = w.pageName(page);
  w.record(() => `__tlb_remove_page(tlb#${tlb.id}, ${name}${delayRmap ? ', delay_rmap' : ''})`, name);
  if (active.length >= w.cfg.batch.pages) return !tlb_next_batch(tlb);
  return false;
}

/** `tlb_remove_page(tlb, page)`: flushes and frees inside the call when the batch is full. */
export function* tlb_remove_page(tlb: MmuGather, page: Page): Step {
  if (__tlb_remove_page_size(tlb, page, false)) yield* tlb_flush_mmu(tlb);
}

/** Drop one reference to a page released by the gather. */
export function put_page(page: Page): void {
  const w = current();
  if (page.use === 'table') {
    const name = w.pageName(page);
    w.record(() => `release_pages: free ${name}`, name);
    // Page-batch freeing of a table page: the ordinary release path (not __tlb_remove_table).
    __free_page(page);
    return;
  }
  if (page.use !== 'data' || !page.data) return;
  page._refcount.counter--;
  if (page._refcount.counter <= 0 && !page.data.pagecache) {
    const name = w.pageName(page);
    w.record(() => `free ${name}`, name);
    checkDataPageFree(w, page);
    w.releasePage(page);
  }
}

// ------------------------------------------------------------------ table batch

/** `__tlb_remove_table(table)`: the adapter's (its steps taken), or (v6.14+) the generic `pagetable_dtor_free`. */
export function* __tlb_remove_table(table: unknown): Step {
  const w = current();
  const a = w.adapter;
  if (a.__tlb_remove_table) {
    yield* callHook(a.__tlb_remove_table(table));
  } else if (genericTlbRemoveTable(a.era)) {
    pagetable_dtor_free(table as Ptdesc);
  } else {
    throw new Error(`adapter ${a.name}: MMU_GATHER_TABLE_FREE without __tlb_remove_table (C-LT-12)`);
  }
}

function* __tlb_remove_table_free(tables: unknown[]): Step {
  for (const t of tables) yield* __tlb_remove_table(t);
}

/** The RCU callback of a table batch: its steps are the RCU engine's (softirq). */
function* tlb_remove_table_rcu(head: RcuHead): Step {
  const w = current();
  const tables = w.tableBatches.get(head);
  w.tableBatches.delete(head);
  if (tables) yield* __tlb_remove_table_free(tables);
}

/** `tlb_table_invalidate(tlb)`: flush the TLB (and paging-structure caches) before freeing tables. */
function* tlb_table_invalidate(tlb: MmuGather): Step {
  yield* tlb_flush_mmu_tlbonly(tlb);
}

/** `tlb_remove_table_free(batch)`: call_rcu with RCU_TABLE_FREE, else free now. */
function* tlb_remove_table_free(tlb: MmuGather): Step {
  const w = current();
  const batch = tlb.batch!;
  tlb.batch = null;
  if (w.decl.MMU_GATHER_RCU_TABLE_FREE) {
    w.tableBatches.set(batch.rcu, batch.tables);
    call_rcu(batch.rcu, tlb_remove_table_rcu);
  } else {
    yield* __tlb_remove_table_free(batch.tables);
  }
}

/** `tlb_table_flush(tlb)`. */
function* tlb_table_flush(tlb: MmuGather): Step {
  if (tlb.batch) {
    yield* tlb_table_invalidate(tlb);
    yield* tlb_remove_table_free(tlb);
  }
}

function __tlb_remove_table_one_rcu(head: RcuHead): Step {
  return __tlb_remove_table(head.page);
}

/** `tlb_remove_table_one(table)`, era-dependent (see `removeTableOne`). */
function* tlb_remove_table_one(table: unknown): Step {
  const w = current();
  const how = removeTableOne(w.adapter.era, w.decl.PT_RECLAIM && !w.decl.mm?.semiRcuFallback);
  if (how === 'rcu') {
    const pt = tablePage(table)!;
    call_rcu(pt.rcu_head, __tlb_remove_table_one_rcu);
    return;
  }
  if (how === 'sync_rcu') {
    yield* synchronize_rcu();
  } else {
    yield* tlb_remove_table_sync_one();
  }
  yield* __tlb_remove_table(table);
}

/** `synchronize_rcu()`: wait for a full grace period. */
export function* synchronize_rcu(): Step {
  const w = current();
  const target = w.rcu.nextTarget();
  w.rcu.syncTargets.push(target);
  w.record('synchronize_rcu()');
  while (w.rcu.gpCompleted < target) yield BLOCKED;
}

/**
 * `tlb_remove_table(tlb, table)`. With MMU_GATHER_TABLE_FREE: into the table batch, allocated
 * lazily with GFP_NOWAIT (injectable failure → invalidate + tlb_remove_table_one, inside the
 * call); a batch that becomes full is flushed and freed inside the call. Without it:
 * `tlb_remove_page()` (v6.14+: after `pagetable_dtor()`).
 */
export function* tlb_remove_table(tlb: MmuGather, table: unknown): Step {
  const w = current();
  const pt = tablePage(table);
  if (!w.decl.MMU_GATHER_TABLE_FREE) {
    if (tlbRemoveTableHasDtor(w.adapter.era)) pagetable_dtor(pt!);
    yield* tlb_remove_page(tlb, pt!);
    return;
  }
  const name = pt ? w.pageName(pt) : String(table);
  w.record(() => `tlb_remove_table(tlb#${tlb.id}, ${name})`, pt ? name : undefined);
  if (pt) tlb.pendingTables.push(pt);
  if (tlb.batch === null) {
    const fail = w.decl.batchAllocCannotFail ? 0 : (w.cfg.batchAllocFail >> w.batchAllocs++) & 1;
    if (fail) {
      w.record('__get_free_page(GFP_NOWAIT) = NULL (injected): tlb_remove_table_one');
      yield* tlb_remove_table_fallback(tlb, table);
      return;
    }
    tlb.batch = { id: w.id(), rcu: { owner: `rcu_head of batch#${w.id()}`, state: 'idle', page: null }, tables: [] };
  }
  tlb.batch.tables.push(table);
  if (tlb.batch.tables.length >= w.cfg.batch.tables) yield* tlb_table_flush(tlb);
}

/**
 * The batch-allocation fallback, inside `tlb_remove_table()`: invalidate (from 2020 on),
 * then `tlb_remove_table_one()`. (A module-level generator: a generator function made per call
 * gives each of its generators a new hidden class, which kept every such run's World alive
 * until a full GC.)
 */
function* tlb_remove_table_fallback(tlb: MmuGather, table: unknown): Step {
  const w = current();
  if (fallbackInvalidates(w.adapter.era) && !w.decl.mm?.fallbackNoInvalidate) yield* tlb_table_invalidate(tlb);
  yield* tlb_remove_table_one(table);
}

/** `tlb_remove_ptdesc(tlb, pt)`. */
export function tlb_remove_ptdesc(tlb: MmuGather, pt: Ptdesc): Step {
  return tlb_remove_table(tlb, pt);
}

/** `tlb_remove_page_ptdesc(tlb, pt)`: the page batch. */
export function tlb_remove_page_ptdesc(tlb: MmuGather, pt: Ptdesc): Step {
  return tlb_remove_page(tlb, pt);
}

// ------------------------------------------------------------------ flushing

/** `tlb_flush_mmu_tlbonly(tlb)`: flush the gathered range (with freed_tables). */
export function* tlb_flush_mmu_tlbonly(tlb: MmuGather): Step {
  // v6.x: `if (!(tlb->freed_tables || tlb->cleared_*)) return;` (older: `if (!tlb->end)`): a
  // forced fullmm gather (tlb_finish_mmu() below) has an empty range but freed_tables set.
  if (tlb.end <= tlb.start && !tlb.freed_tables) return;
  yield* arch_tlb_flush(tlb);
  // v6.5 and earlier (removed in v6.6, docs/kernel-notes/generic.md §2.5 step 3).
  mmu_notifier_invalidate_range(tlb.mm, tlb.start, tlb.end);
  // __tlb_reset_range(tlb)
  tlb.start = Number.MAX_SAFE_INTEGER;
  tlb.end = 0;
  tlb.freed_tables = false;
  tlb.pendingTables = [];
}

/** `tlb_flush_rmaps(tlb, vma)`: remove the delayed rmaps of the active batch (C-GA-3). */
export function tlb_flush_rmaps(tlb: MmuGather): void {
  if (!tlb.delayed_rmap) return;
  const active = tlb.batches[tlb.batches.length - 1]!;
  for (const e of active) {
    if (e.delayRmap) {
      page_remove_rmap(e.page);
      e.delayRmap = false;
    }
  }
  tlb.delayed_rmap = false;
  current().record(() => `tlb_flush_rmaps(tlb#${tlb.id})`);
}

/** `tlb_batch_pages_flush(tlb)`: drop the references of every gathered page. */
function tlb_batch_pages_flush(tlb: MmuGather): void {
  const batches = tlb.batches;
  tlb.batches = [[]];
  for (const batch of batches) for (const e of batch) put_page(e.page);
}

/** `tlb_flush_mmu_free(tlb)`. */
export function* tlb_flush_mmu_free(tlb: MmuGather): Step {
  yield* tlb_table_flush(tlb);
  tlb_batch_pages_flush(tlb);
}

/** `tlb_flush_mmu(tlb)`. */
export function* tlb_flush_mmu(tlb: MmuGather): Step {
  yield* tlb_flush_mmu_tlbonly(tlb);
  yield* tlb_flush_mmu_free(tlb);
}

/** `inc_tlb_flush_pending(mm)` (include/linux/mm_types.h). */
function inc_tlb_flush_pending(mm: Mm): void {
  mm.tlb_flush_pending++;
}

/** `dec_tlb_flush_pending(mm)`. */
function dec_tlb_flush_pending(mm: Mm): void {
  mm.tlb_flush_pending--;
}

/** `mm_tlb_flush_nested(mm)`: another gather of `mm` is between its gather and its finish. */
function mm_tlb_flush_nested(mm: Mm): boolean {
  return mm.tlb_flush_pending > 1;
}

/**
 * `tlb_finish_mmu(tlb)` (mm/mmu_gather.c): when another thread gathers on the same mm at once
 * (`mm_tlb_flush_nested()`, e.g. MADV_DONTNEED beside munmap under the mmap read lock), one of
 * them may have seen the other's cleared PTEs and skipped them, so the flush is forced over the
 * whole mm: `fullmm = 1`, `__tlb_reset_range()` (a fullmm gather's range is start = end = ~0)
 * and `freed_tables = 1`, whatever this gather itself cleared (era: `tlbFinishFlushesNested`).
 */
export function* tlb_finish_mmu(tlb: MmuGather): Step {
  const w = current();
  w.record(() => `tlb_finish_mmu(tlb#${tlb.id})`);
  if (tlbFinishFlushesNested(w.adapter.era) && mm_tlb_flush_nested(tlb.mm)) {
    tlb.fullmm = true;
    tlb.start = tlb.end = Number.MAX_SAFE_INTEGER;
    tlb.freed_tables = true;
    w.record(() => `tlb_finish_mmu(tlb#${tlb.id}): mm_tlb_flush_nested: forced fullmm flush`);
  }
  yield* tlb_flush_mmu(tlb);
  dec_tlb_flush_pending(tlb.mm);
  const i = w.gathers.indexOf(tlb);
  if (i >= 0) w.gathers.splice(i, 1);
}
