/**
 * Contract monitors: the checks the model runs at the moments the contracts talk about (a
 * table page returned to the allocator, a dtor, a lock operation, a `call_rcu`, an
 * allocation inside `pte_free_defer`, the end of an operation, teardown). Each finding is a
 * violation of a contract ID of `src/contracts/catalog.ts`.
 */
import { eraAtLeast } from '../adapter/types';
import type { Actor, MapHandle } from './actor';
import { pmdKind, pmd_page_vaddr } from './pmd';
import type { Page, RcuHead, SpinLock } from './types';
import type { World } from './world';
import { checkSecondaryMmuFree } from './secondary';

/** Names of the tasks for which `holds(task)`, or null when none does (no allocation then). */
function tasksWhere(w: World, holds: (a: Actor) => boolean): string[] | null {
  let names: string[] | null = null;
  for (const a of w.tasks) if (holds(a)) (names ??= []).push(a.name);
  return names;
}

/** Whether `a` still holds a pte_offset_map pointer into `p`. */
function mapsPage(a: Actor, p: Page): boolean {
  for (const h of a.handles) if (h.page === p && h.gen === p.gen) return true;
  return false;
}

/** Whether `cache` (a TLB or paging-structure cache) has an entry for this generation of `p`. */
function caches(cache: ReadonlyMap<number, { page: Page; gen: number }>, p: Page): boolean {
  for (const e of cache.values()) if (e.page === p && e.gen === p.gen) return true;
  return false;
}

/** Readers (pte_offset_map handles) that still hold a pointer into `p`, by name. */
function liveReaders(w: World, p: Page): string[] | null {
  return tasksWhere(w, (a) => mapsPage(a, p));
}

/** Whether a pte_free_defer of a table in `p` still waits for its grace period. */
function deferralPending(w: World, p: Page): boolean {
  return p.deferredAtGp !== null && w.rcu.gpCompleted < p.deferredAtGp;
}

/** Whether some pmd of the mm still points into `p`. */
function stillLinked(w: World, p: Page): boolean {
  for (const raw of w.mm.pmds) if (pmdKind(raw) === 'table' && w.pageOfVa(pmd_page_vaddr(raw)) === p) return true;
  return false;
}

/** Checks run by `pagetable_dtor()` before it destroys the ptlock (C-DT-1). */
export function checkDtor(w: World, p: Page): void {
  const name = w.pageName(p);
  if (p.dtorCount >= p.ctorCount) {
    w.violate('C-DT-1', `pagetable_dtor(${name}) called ${p.dtorCount + 1} times for ${p.ctorCount} ctor`);
    return;
  }
  const readers = liveReaders(w, p);
  if (readers && p.ptl && w.cfg.allocSplitPtl) {
    w.violate('C-DT-1', `pagetable_dtor(${name}) while ${readers.join(', ')} still map it (pte_offset_map before pte_unmap): it frees the separately allocated ptlock ${p.ptl.name} before its last possible use`);
  } else if (readers) {
    const lock = p.ptl ? `its ptlock ${p.ptl.name} is embedded and lives on with the page` : 'its ptl is mm->page_table_lock';
    w.violate('C-DT-6', `pagetable_dtor(${name}) while ${readers.join(', ')} still map it (pte_offset_map before pte_unmap): the table is torn down before its readers' grace period (${lock}, so no lock dies here)`);
  }
  if (deferralPending(w, p)) {
    w.violate('C-LT-4', `pagetable_dtor(${name}) ran before the grace period of its pte_free_defer() ended (C-LT-4: dtor + free only after a full grace period)`);
  }
}

/** Checks run before a table page goes back to the allocator. */
export function checkTablePageFree(w: World, p: Page, how: 'pagetable_free' | 'swapcache' | 'free_page' | 'kmem_cache_free'): void {
  const name = w.pageName(p);
  // C-LT-13 dates from Qi Zheng's v6.14 series; older __tlb_remove_table()s used this path by design.
  if (how === 'swapcache' && eraAtLeast(w.adapter.era, 'v6.14')) {
    w.violate('C-LT-13', `${name} freed with free_page_and_swap_cache(): page tables have no swap cache`);
  }
  if (w.decl.ctorDtor && p.ctorCount > p.dtorCount) {
    w.violate('C-DT-1', `${name} returned to the allocator with ${p.ctorCount} ctor and ${p.dtorCount} dtor: ${p.ptl && w.cfg.allocSplitPtl ? 'ptlock and ' : ''}NR_PAGETABLE leak`);
  }
  if (deferralPending(w, p)) {
    w.violate('C-LT-4', `${name} freed before the grace period of its pte_free_defer() ended (deferred when ${p.deferredAtGp! - 1} grace periods had completed, now ${w.rcu.gpCompleted})`);
  }
  const readers = liveReaders(w, p);
  if (readers) {
    w.violate('C-LT-1', `${name} freed while ${readers.join(', ')} still map it (inside pte_offset_map .. pte_unmap)`);
  }
  if (stillLinked(w, p)) {
    w.violate('C-LT-1', `${name} freed while a pmd still points to it`);
  }
  const walkers = tasksWhere(w, (a) => a.irqWalk?.has(p) === true);
  if (walkers) {
    w.violate('C-LT-3', `${name} freed while the IRQs-off lockless walk (gup_fast) on ${walkers.join(', ')} may still read it`);
  }
  // A CPU with the mm loaded (running it, or lazily) may walk its page tables speculatively at
  // any moment through what its paging-structure cache holds: the walk right after the free.
  const walker = w.tasks.find((a) => a.mode !== 'other' && caches(a.psc, p));
  if (walker) {
    const by = w.cur;
    w.cur = walker;
    w.record(() => `speculative hardware walk via ${name} (paging-structure cache entry of ${walker.mode === 'lazy' ? 'a lazy-TLB CPU' : 'the running mm'})`, name);
    w.violate('C-LT-2', `${name} freed while the paging-structure cache of ${walker.name} (${walker.mode === 'lazy' ? 'lazy TLB' : 'running the mm'}) still points to it: its hardware walker may read the freed table (no walk-cache flush reached it since the unlink)`);
    w.cur = by;
  }
  checkSecondaryMmuFree(w, p, w.mm);
  if (w.gathers.some((g) => g.pendingTables.includes(p))) {
    w.violate('C-LT-11', `${name} freed before the mmu_gather it was queued to had invalidated the TLB`);
  }
  if (p.rcu_head.state === 'queued') {
    w.violate('C-LT-7', `${name} freed while its rcu_head is still queued: the callback will run on a free page`);
  }
  if (p.lru.on !== null) {
    w.violate('C-LIST-1', `${name} freed while still on ${p.lru.on} (the list keeps a pointer to a free page)`);
  }
  // free_pages_prepare(): PG_active is in PAGE_FLAGS_CHECK_AT_FREE ("BUG: Bad page state").
  // s390's 2K-fragment code sets it on page tables (pte_free_defer), and its release must consume
  // it with TestClearPageActive(); powerpc's fragments use it too, judged as C-PPC-2 by
  // properties/powerpc.ts.
  if (p.active && w.adapter.arch === 's390') {
    w.violate('C-S390-4', `${name} returned to the allocator with PG_active still set (free_pages_prepare: "BUG: Bad page state"): the release tested PageActive without clearing it`);
  }
}

/** Checks run before a data page is freed (its last reference dropped). */
export function checkDataPageFree(w: World, p: Page): void {
  // Only a CPU running the mm can use its user translations: a lazy-TLB kernel thread makes no
  // user access, and switching back catches up on the flushes it missed (x86 tlb_gen).
  const holders = tasksWhere(w, (a) => a.mode === 'user' && caches(a.tlb, p));
  if (holders) {
    w.violate('C-GA-1', `${w.pageName(p)} freed while the TLB of ${holders.join(', ')} still maps it (freed before the flush)`);
  }
  checkPageTableCheck(w, p, 'freed');
}

/**
 * page_table_check (C-GA-10): every present user PTE that was set was also cleared through
 * ptep_clear() and friends, so a page's mapped count is zero when it is freed and when the mm
 * is gone. A bare pte_clear() leaves it behind ("false positives", S2:516-598).
 */
export function checkPageTableCheck(w: World, p: Page, when: string): void {
  const n = w.mm.ptcMapped.get(p.pfn) ?? 0;
  if (n !== 0) {
    w.violate('C-GA-10', `page_table_check: ${w.pageName(p)} ${when} with mapped count ${n}: a present PTE was cleared without ptep_clear()`);
  }
}

/** Checks run on every spin_lock/spin_unlock. */
export function checkLockOp(w: World, l: SpinLock, op: string): void {
  if (l.state === 'freed') {
    w.violate('C-DT-3', `${op}(${l.name}) on a ptlock already freed by pagetable_dtor() (lock use-after-free)`);
  }
}

/**
 * C-MAP-13: a `pte_offset_map*()` result is used (`what`: a read or write through it) only
 * before its `pte_unmap()`: after it the table may be freed (parisc "read the pfn before
 * 'unmapping'"). A handle is mapped while it is on its actor's list of live handles.
 */
export function checkHandleMapped(w: World, h: MapHandle, what: string): void {
  if (!w.actors[h.actor]!.handles.includes(h)) {
    w.violate('C-MAP-13', `${what} by ${w.cur.name} through a pte_offset_map() pointer already released by pte_unmap(): the table may be freed meanwhile`);
  }
}

/** Checks run by call_rcu(). */
export function checkCallRcu(w: World, head: RcuHead): void {
  if (head.state === 'queued') {
    w.violate('C-LT-7', `call_rcu(${head.owner}) while it is already queued: the earlier callback is lost or runs twice`);
  }
  if (head.page && head.page.lru.on !== null) {
    w.violate('C-LT-8', `call_rcu(${head.owner}) while the page is on ${head.page.lru.on}: rcu_head overwrites lru`);
  }
}

/** Checks run by every allocation. */
export function checkAllocation(w: World, what: string): void {
  if (w.cur.inDefer > 0) {
    w.violate('C-LT-5', `pte_free_defer() allocated memory (${what}): allocation cannot be relied on inside retract_page_tables()`);
  }
}

/** Checks at the end of every operation of a task actor (C-MAP-2, C-RM-2). */
export function checkOpEnd(w: World, a: Actor): void {
  if (a.rcuDepth !== 0 || a.handles.length !== 0) {
    w.violate('C-MAP-2', `${a.op} on ${a.name} returned with rcu_read_lock depth ${a.rcuDepth} and ${a.handles.length} unbalanced pte_offset_map`);
  }
  if (a.kmap.length !== 0) {
    w.violate('C-MAP-2', `${a.op} on ${a.name} returned with ${a.kmap.length} kmap_local mappings`);
  }
  if (a.locks.length !== 0) {
    w.violate('C-RM-2', `${a.op} on ${a.name} returned holding ${a.locks.map((l) => l.name).join(', ')}`);
  }
}
