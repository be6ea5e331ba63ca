/**
 * Kernel synchronisation primitives for adapters and the generic mm code: spinlocks, RCU,
 * atomics on `atomic_t`, page flags, list operations on `page->lru`, WARN/BUG.
 *
 * These are the plain versions the model's mm code calls; adapter code calls the preemption-point
 * faces of `./faces.ts`, whose locks wait while contended (`spin_lock_wait`).
 */
import { BLOCKED, DONE, type Step } from '../model/actor';
import { lockClass, lockdep_acquire, lockdep_acquired, lockdep_assert_held, lockdep_assert_list_locked, lockdep_release } from '../model/lockdep';
import { checkCallRcu, checkLockOp } from '../model/monitors';
import type { Atomic, Page, PageList, RcuHead, SpinLock } from '../model/types';
export type { PageList } from '../model/types';
import { current, ModelLimit } from '../model/world';

// ------------------------------------------------------------------ spinlocks

/** Take `l` for the current actor (atomic; used by hooks and by the blocking wrapper once free). */
export function spin_lock(l: SpinLock, how = 'spin_lock'): void {
  const w = current();
  w.record(() => `${how}(${l.name})`, l.name);
  checkLockOp(w, l, how);
  const cls = lockClass(l, how);
  if (!lockdep_acquire(w, l, l.name, cls, how)) return;
  if (l.holder !== null) throw new ModelLimit(`${l.name} contended inside an atomic hook`);
  l.holder = w.cur.id;
  w.cur.locks.push(l);
  lockdep_acquired(w, l, l.name, cls);
}

/** `spin_lock_nested(l, SINGLE_DEPTH_NESTING)`. */
export function spin_lock_nested(l: SpinLock): void {
  spin_lock(l, 'spin_lock_nested');
}

/** `spin_lock_bh(l)`. */
export function spin_lock_bh(l: SpinLock): void {
  spin_lock(l, 'spin_lock_bh');
}

/** `spin_unlock(l)`. */
export function spin_unlock(l: SpinLock, how = 'spin_unlock'): void {
  const w = current();
  w.record(() => `${how}(${l.name})`, l.name);
  checkLockOp(w, l, how);
  const i = w.cur.locks.lastIndexOf(l);
  if (l.holder !== w.cur.id || i < 0) {
    w.violate('C-RM-2', `${how}(${l.name}) by ${w.cur.name}, which does not hold it (unmatched unlock)`);
    return;
  }
  w.cur.locks.splice(i, 1);
  l.holder = null;
  lockdep_release(w, l);
}

/** `spin_unlock_bh(l)`. */
export function spin_unlock_bh(l: SpinLock): void {
  spin_unlock(l, 'spin_unlock_bh');
}

/** Whether the current actor must wait for `l` (another actor holds it, and it is not freed). */
function mustWait(l: SpinLock): boolean {
  return l.holder !== null && l.holder !== current().cur.id && l.state === 'live';
}

/**
 * Blocking `spin_lock` for the mm code: waits (yields BLOCKED) while another actor holds `l`.
 * Use it as `yield* spin_lock_wait(l)`: a free lock is taken at the call (no generator is made).
 */
export function spin_lock_wait(l: SpinLock, how = 'spin_lock'): Step {
  if (mustWait(l)) return spin_lock_contended(l, how);
  spin_lock(l, how);
  return DONE;
}

/**
 * `spin_lock_nest_lock(l, nest)`: take `l` as a lock nested under `nest` (lockdep's `nest_lock`,
 * which lets one task hold many locks of `l`'s class). lockdep's `__lock_acquire()` warns
 * "Nested lock was not taken" when the task does not hold `nest` (print_lock_nested_lock_not_held):
 * C-LK-1 here. Then as {@link spin_lock_wait}.
 */
export function spin_lock_nest_lock_wait(l: SpinLock, nest: SpinLock): Step {
  const w = current();
  lockdep_assert_held(w, nest, `spin_lock_nest_lock(${l.name}, ${nest.name}): lockdep's nest_lock annotation ("Nested lock was not taken")`);
  return spin_lock_wait(l, 'spin_lock_nest_lock');
}

function* spin_lock_contended(l: SpinLock, how: string): Step {
  lockdep_acquire(current(), l, l.name, lockClass(l, how), how);
  while (mustWait(l)) yield BLOCKED;
  spin_lock(l, how);
}

// ------------------------------------------------------------------ RCU

/** `rcu_read_lock()`. */
export function rcu_read_lock(): void {
  const w = current();
  w.cur.rcuDepth++;
  w.record('rcu_read_lock()');
}

/** `rcu_read_unlock()`. */
export function rcu_read_unlock(): void {
  const w = current();
  if (w.cur.rcuDepth === 0) {
    w.violate('C-MAP-2', `rcu_read_unlock() on ${w.cur.name} without rcu_read_lock()`);
  } else {
    w.cur.rcuDepth--;
  }
  w.record('rcu_read_unlock()');
  w.rcu.readerMayHaveExited(w.cur);
}

/** `call_rcu(head, fn)`. The callback receives the head; `rcu_head_page(head)` is container_of. */
export function call_rcu(head: RcuHead, fn: (head: RcuHead) => unknown): void {
  const w = current();
  w.record(() => `call_rcu(${head.owner}, ${fn.name || 'fn'})`, head.owner);
  checkCallRcu(w, head);
  if (head.state === 'queued') {
    // The kernel's callback list is corrupted: model it as the earlier callback being lost.
    w.rcu.callbacks = w.rcu.callbacks.filter((c) => c.head !== head);
  }
  if (head.page && w.cur.inDefer > 0 && head.page.deferredAtGp === null) head.page.deferredAtGp = w.rcu.nextTarget();
  w.rcu.enqueue(head, fn, fn.name || 'fn');
}

/** container_of(head, struct page, rcu_head). */
export function rcu_head_page(head: RcuHead): Page {
  if (!head.page) throw new Error(`${head.owner} is not embedded in a page`);
  return head.page;
}

// ------------------------------------------------------------------ atomics

/** `atomic_read(v)`. */
export function atomic_read(v: Atomic): number {
  return v.counter;
}
/** `atomic_set(v, i)`. */
export function atomic_set(v: Atomic, i: number): void {
  v.counter = i;
}
/** `atomic_inc(v)`. */
export function atomic_inc(v: Atomic): void {
  v.counter++;
}
/** `atomic_dec_and_test(v)`: fully ordered decrement, true when it reaches 0. */
export function atomic_dec_and_test(v: Atomic): boolean {
  return --v.counter === 0;
}
/** `atomic_add_return(i, v)`. */
export function atomic_add_return(i: number, v: Atomic): number {
  v.counter += i;
  return v.counter;
}
/** `atomic_sub_return(i, v)`. */
export function atomic_sub_return(i: number, v: Atomic): number {
  v.counter -= i;
  return v.counter;
}
/** `atomic_xor_bits(v, bits)` (s390): xor and return the new value. */
export function atomic_xor_bits(v: Atomic, bits: number): number {
  v.counter = (v.counter ^ bits) >>> 0;
  return v.counter;
}

// ------------------------------------------------------------------ page flags

/** `SetPageActive(page)`. */
export function SetPageActive(p: Page): void {
  const name = current().pageName(p);
  current().record(() => `SetPageActive(${name})`);
  p.active = true;
}
/** `ClearPageActive(page)`. */
export function ClearPageActive(p: Page): void {
  p.active = false;
}
/** `PageActive(page)`. */
export function PageActive(p: Page): boolean {
  return p.active;
}
/** `TestClearPageActive(page)`. */
export function TestClearPageActive(p: Page): boolean {
  const was = p.active;
  p.active = false;
  return was;
}

// ------------------------------------------------------------------ lists through page->lru

/** `list_add(&page->lru, head)`. */
export function list_add(p: Page, head: PageList): void {
  listInsert(p, head, 0, 'list_add');
}
/** `list_add_tail(&page->lru, head)`. */
export function list_add_tail(p: Page, head: PageList): void {
  listInsert(p, head, head.pages.length, 'list_add_tail');
}
function listInsert(p: Page, head: PageList, at: number, fn: string): void {
  const w = current();
  const name = w.pageName(p);
  w.record(() => `${fn}(${name}, ${head.name})`, name);
  lockdep_assert_list_locked(w, head, fn);
  if (p.rcu_head.state === 'queued') {
    w.violate('C-LT-8', `${fn}(${w.pageName(p)}) while its rcu_head is queued: lru overwrites the rcu_head`);
  }
  if (p.lru.on !== null) {
    w.violate('C-LIST-1', `${fn}(${name}, ${head.name}) while ${name} is already on ${p.lru.on} (list_add double add: the list is corrupted)`);
  }
  const i = head.pages.indexOf(p);
  if (i >= 0) head.pages.splice(i, 1);
  head.pages.splice(Math.min(at, head.pages.length), 0, p);
  p.lru.on = head.name;
}
/** `list_del_init(&page->lru)` (a no-op on an empty node, as in the kernel). */
export function list_del_init(p: Page, head: PageList): void {
  listRemove(p, head, 'list_del_init');
}
/** `list_del(&page->lru)`: the entry must be on a list (a deleted entry is poisoned, not empty). */
export function list_del(p: Page, head: PageList): void {
  const w = current();
  if (p.lru.on === null) {
    w.violate('C-LIST-1', `list_del(${w.pageName(p)}, ${head.name}) of an entry that is on no list (list_del corruption: LIST_POISON or a self-pointing node)`);
  }
  listRemove(p, head, 'list_del');
}
function listRemove(p: Page, head: PageList, fn: string): void {
  lockdep_assert_list_locked(current(), head, fn);
  const i = head.pages.indexOf(p);
  if (i >= 0) head.pages.splice(i, 1);
  if (p.lru.on === head.name) p.lru.on = null;
}
/**
 * `list_empty(&page->lru)`. The node is overlaid by `rcu_head` (once queued, its `next` is the
 * next callback or NULL, never the node itself) and, once the page is back in the page
 * allocator, used by the buddy / per-cpu free lists: in either case it does not read as empty.
 */
export function list_empty_node(p: Page): boolean {
  if (p.rcu_head.state === 'queued' || p.use === 'free') return false;
  return p.lru.on === null;
}
/** `list_first_entry_or_null(head, struct page, lru)`. */
export function list_first_entry_or_null(head: PageList): Page | null {
  return head.pages[0] ?? null;
}

// ------------------------------------------------------------------ WARN / BUG

/**
 * `WARN_ON_ONCE(cond)`: returns cond. A warning that fires in adapter code on an interleaving the
 * model generated (every one is legal) is the adapter's own failure, C-WARN: the kernel would
 * print a splat there, and CI with panic_on_warn would stop. `what` is the message shown.
 */
export function WARN_ON_ONCE(cond: boolean, what = 'WARN_ON_ONCE'): boolean {
  if (cond) {
    const w = current();
    w.warn(what);
    w.violate('C-WARN', `WARNING: ${what}`);
  }
  return cond;
}

/** `BUG_ON(cond)`: a kernel BUG fired in adapter code, C-BUG (the kernel's BUG_ON names no contract). */
export function BUG_ON(cond: boolean, what = 'BUG_ON'): void {
  if (cond) current().violate('C-BUG', `kernel BUG: ${what}`);
}
