/**
 * A small lockdep: lock classes, the locks each actor holds, and the acquired-before graph of
 * one run. The lock primitives (`src/kernel/sync.ts` spinlocks, `src/mm/locking.ts` rwsems)
 * and the primitives that need a lock (`page->lru` lists, PTE writes) call it with one line;
 * it reports, through `w.violate()`:
 *
 * - C-LK-1: a primitive that needs a lock runs without it (`lockdep_assert_held`);
 * - C-LK-2: a task takes a lock it already holds, or another lock of the same class without a
 *   nesting annotation (lockdep's "possible recursive locking"). The one exception is the
 *   contracts.md C-RM-2 case, `ptl == pml` (unsplit ptlocks: `mm->page_table_lock` taken as
 *   both), which stays C-RM-2;
 * - C-LK-3: lock-order inversion: a task takes B while holding A when B → ... → A was
 *   established earlier in the run by any task (an AB-BA cycle in the class graph).
 *
 * Classes are lockdep's: every split PTE ptlock is one class `ptl`, then `pmd_ptl`,
 * `page_table_lock`, `context.lock` (s390), `mmap_lock`, `i_mmap_rwsem`, and any other lock by
 * its name. `spin_lock_nested(l, SINGLE_DEPTH_NESTING)` takes subclass 1 (`ptl/1`): it may be
 * taken while a lock of subclass 0 of its class is held (no C-LK-2), but the acquired-before
 * graph is over base classes, so `pmd_ptl → ptl/1` and `ptl → pmd_ptl` are an inversion (in
 * the kernel, with split PMD ptlocks, both are ptdesc ptlocks of one class and the second
 * order is already recursive locking). Orders are checked when a task *tries* to take a lock, before it may wait, so an
 * inversion is reported whatever the interleaving, even when the two orders would deadlock.
 * rwsems are checked for order only (recursive read locking is not modelled); a
 * `spin_trylock` is not checked at all, as in lockdep (it cannot wait).
 */
import type { Mm } from './mm';
import type { PageList, SpinLock } from './types';
import type { World } from './world';

/** One lock an actor holds. */
interface Held {
  readonly lock: object;
  readonly cls: string;
  readonly name: string;
}

/** The lockdep state of one run. */
interface State {
  /** Acquired-before edges between classes: `from` → (`to` → how it was first seen). */
  readonly after: Map<string, Map<string, string>>;
  /** Locks held per actor id, in acquisition order. */
  readonly held: Map<number, Held[]>;
}

const states = new WeakMap<World, State>();

function state(w: World): State {
  let s = states.get(w);
  if (!s) states.set(w, (s = { after: new Map(), held: new Map() }));
  return s;
}

function heldBy(s: State, actor: number): Held[] {
  let h = s.held.get(actor);
  if (!h) s.held.set(actor, (h = []));
  return h;
}

/**
 * The lock class of a spinlock from its model name (`ptl(pt@0x...)#7` → `ptl`, `pmd_ptl#3` →
 * `pmd_ptl`), taken by `how`: `spin_lock_nested` is subclass 1 (`ptl/1`).
 */
export function lockClass(l: SpinLock, how = 'spin_lock'): string {
  const i = l.name.lastIndexOf('#');
  const base = i < 0 ? l.name : l.name.slice(0, i);
  const cls = base.startsWith('ptl(') ? 'ptl' : base;
  return how === 'spin_lock_nested' ? `${cls}/1` : cls;
}

/**
 * The class without its subclass (`ptl/1` → `ptl`): a nesting annotation silences recursive
 * locking within a class, not the order between classes (the graph is over base classes).
 */
function classBase(cls: string): string {
  const i = cls.indexOf('/');
  return i < 0 ? cls : cls.slice(0, i);
}

/** Whether `to` is reachable from `from` in the class graph; returns the path, or null. */
function path(s: State, from: string, to: string): string[] | null {
  const prev = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (c === to) {
      const p = [c];
      for (let x = prev.get(c)!; x !== ''; x = prev.get(x)!) p.unshift(x);
      return p;
    }
    for (const n of s.after.get(c)?.keys() ?? []) if (!prev.has(n)) { prev.set(n, c); queue.push(n); }
  }
  return null;
}

/**
 * Check an attempt of the current actor to take `lock` (class `cls`): recursion (spinlocks
 * only, `recursive`) and order against every lock it holds; the edges are learnt. Returns
 * false when the actor already holds this very lock (the caller must not take it again).
 */
export function lockdep_acquire(w: World, lock: object, name: string, cls: string, how: string, recursive = true): boolean {
  // A trylock never waits: lockdep learns no order from it (it is still held, for later locks).
  if (how === 'spin_trylock') return true;
  const s = state(w);
  const held = heldBy(s, w.cur.id);
  for (const h of held) {
    if (h.lock === lock) {
      if (!recursive) continue;
      const pml = lock === w.mm.page_table_lock && !w.cfg.splitPtl;
      w.violate(pml ? 'C-RM-2' : 'C-LK-2', pml
        ? `${how}(${name}) by ${w.cur.name}, which already holds it: ptl == pml (unsplit ptlocks) taken twice (self-deadlock)`
        : `${how}(${name}) by ${w.cur.name}, which already holds it (self-deadlock)`);
      return false;
    }
    if (recursive && h.cls === cls) {
      w.violate('C-LK-2', `${how}(${name}) by ${w.cur.name} while it holds ${h.name} of the same class ${cls} without spin_lock_nested(): possible recursive locking (deadlock if another CPU takes the two in the other order)`);
      continue;
    }
    const from = classBase(h.cls);
    const to = classBase(cls);
    if (from === to) continue;
    let out = s.after.get(from);
    // Known edge: the graph is kept acyclic (an inverted edge is reported, never added), so no way back.
    if (out?.has(to)) continue;
    const back = path(s, to, from);
    if (back) {
      const first = s.after.get(back[0]!)!.get(back[1]!)!;
      w.violate('C-LK-3', `lock-order inversion: ${w.cur.name} (${w.cur.op}) takes ${name} [${to}] while holding ${h.name} [${from}], but ${back.join(' → ')} was established (${first}): possible AB-BA deadlock`);
      continue;
    }
    if (!out) s.after.set(from, (out = new Map()));
    out.set(to, `${w.cur.name} in ${w.cur.op} took ${name} holding ${h.name}, step ${w.trace.length - 1}`);
  }
  return true;
}

/** The current actor now holds `lock` (after `lockdep_acquire`, once it is taken). */
export function lockdep_acquired(w: World, lock: object, name: string, cls: string): void {
  heldBy(state(w), w.cur.id).push({ lock, cls, name });
}

/** The current actor released `lock` (the last acquisition of it, as lockdep's held-lock stack). */
export function lockdep_release(w: World, lock: object): void {
  const held = heldBy(state(w), w.cur.id);
  for (let i = held.length - 1; i >= 0; i--) {
    if (held[i]!.lock === lock) {
      held.splice(i, 1);
      return;
    }
  }
}

/** `lockdep_assert_held(lock)`: C-LK-1 unless the current actor holds `lock` for `what`. */
export function lockdep_assert_held(w: World, lock: SpinLock, what: string): void {
  if (lock.holder !== w.cur.id) {
    w.violate('C-LK-1', `${what} by ${w.cur.name} (${w.cur.op}) without holding ${lock.name}${lock.holder !== null ? ' (another CPU holds it)' : ''}`);
  }
}

/** The `mm->context.lock` of every mm's `pgtable_list` beyond the current one (a fork's parent and child). */
const listLocks = new WeakMap<PageList, SpinLock>();

/** Make the lock of `mm`'s pgtable_list known while another mm is current (src/mm/fork.ts). */
export function lockdep_register_mm(mm: Mm): void {
  listLocks.set(mm.context.pgtable_list, mm.context.lock);
}

/** The lock that protects `list`, or null: s390 `mm->context.pgtable_list` needs `mm->context.lock`. */
function listLock(w: World, list: PageList): SpinLock | null {
  return list === w.mm.context.pgtable_list ? w.mm.context.lock : listLocks.get(list) ?? null;
}

/** A `page->lru` list operation `fn` on `list`: C-LK-1 unless the lock protecting the list is held. */
export function lockdep_assert_list_locked(w: World, list: PageList, fn: string): void {
  const l = listLock(w, list);
  if (l) lockdep_assert_held(w, l, `${fn}(${list.name})`);
}
