/**
 * Where races happen: the preemption points of each op, measured on the adapter itself. A race
 * window opens when a kernel path drops a lock (or leaves an RCU or IRQs-off section) and later
 * acts on what it saw before: collapse_pte_mapped_thp() between clearing the PTEs and taking the
 * pmd lock, retract_page_tables() between its unlocked checks and the ptlock, MADV_COLLAPSE
 * between dropping the mmap lock and retaking it. The generator (scenario.ts) preempts an op
 * after one of these steps with a high weight, instead of after a blind number of steps.
 *
 * Each op is run alone on cpu0 of a few canonical initial states (file and anon VMAs, populated
 * and missing tables, uffd armed), counting cpu0's steps; a step that releases something and is
 * not the op's last is a preemption point; a step that takes a contended lock and is not the
 * op's last is a hold point (the CPU is preempted holding it: schedule.ts's lock-holder shape);
 * a step that queues an RCU callback (`call_rcu()`: a table batch handed to RCU when it is full,
 * `tlb_remove_table_one()`'s single table when the batch page cannot be allocated, a
 * `pte_free_defer()`) and is not the op's last is a queue point, where a grace period may end
 * and the callback run before the op's next statement (schedule.ts's grace-period shape). Queue
 * points are measured on the same states with every table-batch allocation failing and with a
 * one-table batch, the two ways a table is queued inside `tlb_remove_table()`. The points are
 * measured once per adapter (a few dozen short runs) and cached, so a model change moves them
 * with it.
 */
import type { Adapter } from '../adapter/types';
import type { PropertyMonitor } from '../check/property';
import type { World } from '../model/world';
import { REMOVERS, type Op } from './ops';
import { DEFAULT_BATCH } from '../model/gather';
import { runScenario } from './runner';
import { PTES, SLOTS, type PteInit, type Scenario, type SlotInit } from './scenario';

/**
 * A trace action that releases a lock or leaves a protected section, or that reads the first
 * half of a two-half pmd (GUP_GET_PXX_LOW_HIGH: `pmdp_get_lockless()` reads `pmd_low`, then
 * `pmd_high`, then `pmd_low` again): the reader goes on to act on a value a concurrent writer may
 * change before the other half is read, the window of B19/B36 (contracts.md C-PAE-1).
 */
const RELEASE = /unlock|irq_enable|irq_restore|downgrade|\.pmd_low$/;
/** A trace action that takes a lock other CPUs contend for (a spinlock, a write lock, a page lock). */
const ACQUIRE = /^(spin_lock\w*|spin_trylock|\w*_write_lock|lock_page)\((?!.*failed)/;
/** A trace action that queues an RCU callback: the grace period may end right after it. */
const QUEUE = /^call_rcu\(/;
/**
 * An acquired lock that belongs to one PTE table (a split ptlock, `ptl(pt@...)`): only an op on
 * the same pmd contends for it. Every other lock (`pmd_lock()`'s split PMD ptlock or
 * `mm->page_table_lock`, the mmap lock, the THP's page lock) is shared by all the pmds of the
 * model's pmd table.
 */
const TABLE_LOCK = /\(ptl\(/;

/** The key of an op's code path: its kind and variant, without its slot and index. */
export function opPath(op: Op): string {
  switch (op.k) {
    case 'walk': return `walk:${op.api}`;
    case 'fault':
    case 'access': return `${op.k}:${op.write ? 'w' : 'r'}`;
    case 'collapse': return `collapse:${op.madvise ? 'madvise' : 'thp'}`;
    default: return op.k;
  }
}

/** One representative op of every code path of `kinds` (on slot 0, index 0). */
function representatives(kinds: Iterable<Op['k']>, archWalk: boolean): Op[] {
  const ops: Op[] = [];
  for (const k of kinds) {
    switch (k) {
      case 'walk':
        for (const api of ['map', 'lock', 'nolock', ...(archWalk ? ['arch'] as const : [])] as const) ops.push({ k, slot: 0, index: 0, api });
        break;
      case 'fault':
      case 'access':
        for (const write of [false, true]) ops.push({ k, slot: 0, index: 0, write });
        break;
      case 'collapse':
        for (const madvise of [false, true]) ops.push({ k, slot: 0, madvise });
        break;
      case 'gup_fast':
      case 'uffd_copy':
      case 'uffd_poison': ops.push({ k, slot: 0, index: 0 }); break;
      case 'dontneed':
      case 'munmap':
      case 'collapse_anon':
      case 'split': ops.push({ k, slot: 0 }); break;
      case 'khugepaged': ops.push({ k }); break;
      case 'writeback': ops.push({ k, index: 0 }); break;
      case 'hugetlb_unshare': ops.push({ k }); break;
      case 'hugetlb_gup_fast': ops.push({ k, index: 0 }); break;
      case 'dma': ops.push({ k, slot: 0, index: 0, write: true }); break;
      case 'fork': ops.push({ k }); break;
      case 'mmap': ops.push({ k, slot: 0 }); break;
      case 'mremap': ops.push({ k, slot: 0, to: 1 % SLOTS }); break;
    }
  }
  return ops;
}

/** `n` PTEs: `first` at index 0, `rest` at the others. */
function ptesOf(n: number, first: PteInit, rest: PteInit = first): PteInit[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? first : rest));
}

/** The canonical initial states the points are measured on (tables of `n` PTEs). */
function canonical(adapter: Adapter, n: number): Scenario[] {
  const d = adapter.declarations;
  const slots = (s: SlotInit): SlotInit[] => Array.from({ length: SLOTS }, () => ({ ...s, ptes: [...s.ptes] }));
  const base = {
    warm: true, splitPtl: d.SPLIT_PTE_PTLOCKS !== false, allocSplitPtl: false, batchAllocFail: 0, ptlockAllocFail: 0,
    reclaim: d.PT_RECLAIM, programs: [], schedule: [],
  };
  return [
    { ...base, fileKind: 'shmem', slots: slots({ vma: 'file', shared: false, uffd: 'missing', table: true, ptes: ptesOf(n, 'clean') }) },
    { ...base, fileKind: 'shmem', slots: slots({ vma: 'file', shared: false, uffd: 'missing', table: true, ptes: ptesOf(n, 'none') }) },
    { ...base, fileKind: 'file', slots: slots({ vma: 'file', shared: true, uffd: 'none', table: true, ptes: ptesOf(n, 'dirty') }) },
    { ...base, fileKind: 'shmem', slots: slots({ vma: 'anon', shared: false, uffd: 'none', table: true, ptes: ptesOf(n, 'dirty', 'none') }) },
    {
      ...base, fileKind: 'shmem',
      slots: [{ vma: 'anon', shared: false, uffd: 'none', table: true, ptes: ptesOf(n, 'dirty', 'none') }, { vma: 'file', shared: false, uffd: 'missing', table: true, ptes: ptesOf(n, 'clean') }],
    },
    // No tables yet: faults and UFFDIO_* allocate one and populate the pmd under pmd_lock.
    { ...base, fileKind: 'shmem', slots: slots({ vma: 'file', shared: false, uffd: 'missing', table: false, ptes: ptesOf(n, 'none') }) },
  ];
}

/**
 * What one step of an op did: released something, took a contended lock (one not of a PTE
 * table), queued an RCU callback; and whether it ended inside an arch hook (the op goes on in
 * the adapter's code at its next step).
 */
interface StepKind {
  released: boolean;
  queued: boolean;
  inHook: boolean;
  acquired: boolean;
  acquiredShared: boolean;
}

/** cpu0's steps running `op` alone on `sc`. */
function stepsOf(adapter: Adapter, sc: Scenario, op: Op): StepKind[] {
  const steps: StepKind[] = [];
  let seen = 0;
  const monitor: PropertyMonitor = {
    afterStep(w: World): void {
      const fresh = w.trace.slice(seen);
      seen = w.trace.length;
      if (w.cur !== w.actors[0] || w.cur.op === 'exit_mmap') return;
      if (!fresh.some((t) => t.actor === w.cur.name)) return;
      const mine = fresh.filter((t) => t.actor === w.cur.name);
      const taken = mine.filter((t) => ACQUIRE.test(t.action));
      steps.push({ released: mine.some((t) => RELEASE.test(t.action)), queued: mine.some((t) => QUEUE.test(t.action)), inHook: w.cur.inHook > 0, acquired: taken.length > 0, acquiredShared: taken.some((t) => !TABLE_LOCK.test(t.action)) });
    },
  };
  try {
    runScenario(adapter, { ...sc, programs: [[op], [], []] }, { teardown: false, monitors: [monitor] });
  } catch {
    // An adapter that throws is reported by the check itself; here it only has no points.
    return [];
  }
  return steps;
}

/** Preemption points of every code path: ascending step counts after which to preempt. */
export type PreemptionPoints = ReadonlyMap<string, readonly number[]>;

/** The kinds of points of one adapter and PTE count (see the module comment). */
export interface SchedulePoints {
  release: PreemptionPoints;
  hold: PreemptionPoints;
  /** The hold points where the lock taken is shared by every pmd (not a PTE table's ptl). */
  sharedHold: PreemptionPoints;
  /** The queue points: after a step that queued an RCU callback. */
  queue: PreemptionPoints;
  /** The hook points: after a step that ended inside an arch hook (on any of the states measured). */
  hook: PreemptionPoints;
}

/** The canonical states with a table queued for RCU inside `tlb_remove_table()`: batch allocation failing, a one-table batch. */
function queueing(states: readonly Scenario[]): Scenario[] {
  return states.flatMap((sc) => [{ ...sc, batchAllocFail: 0xf }, { ...sc, batch: { tables: 1, pages: DEFAULT_BATCH.pages } }]);
}

const cache = new WeakMap<Adapter, Map<number, SchedulePoints>>();

/**
 * Measure (once per adapter and PTE count, then cached) every kind of point of every op path
 * (the step counts depend on the PTE count: zaps and scans loop over the PTEs).
 */
export function schedulePoints(adapter: Adapter, kinds: Iterable<Op['k']>, ptes: number = PTES): SchedulePoints {
  const perAdapter = cache.get(adapter) ?? new Map<number, SchedulePoints>();
  cache.set(adapter, perAdapter);
  const hit = perAdapter.get(ptes);
  if (hit) return hit;
  const release = new Map<string, number[]>();
  const hold = new Map<string, number[]>();
  const sharedHold = new Map<string, number[]>();
  const queue = new Map<string, number[]>();
  const hook = new Map<string, number[]>();
  const states = canonical(adapter, ptes);
  const queued = queueing(states);
  for (const op of representatives(kinds, adapter.arch_walk !== undefined)) {
    const rel = new Set<number>();
    const held = new Set<number>();
    const shared = new Set<number>();
    const q = new Set<number>();
    const inHook = new Set<number>();
    // Release and hold points on the canonical states; queue and hook points on those and, for
    // the ops that free tables (the ones the schedule's shapes stop there), on the queueing ones.
    const runs = [...states.map((sc) => ({ sc, canon: true })), ...(REMOVERS.includes(op.k) ? queued.map((sc) => ({ sc, canon: false })) : [])];
    for (const { sc, canon } of runs) for (let slot = 0; slot < SLOTS; slot++) {
      const steps = stepsOf(adapter, sc, 'slot' in op ? { ...op, slot } : op);
      steps.forEach((st, i) => {
        if (i >= steps.length - 1) return;
        if (st.queued) q.add(i + 1);
        if (st.inHook) inHook.add(i + 1);
        if (!canon) return;
        if (st.released) rel.add(i + 1);
        if (st.acquired) held.add(i + 1);
        if (st.acquiredShared) shared.add(i + 1);
      });
    }
    release.set(opPath(op), [...rel].sort((a, b) => a - b));
    hold.set(opPath(op), [...held].sort((a, b) => a - b));
    sharedHold.set(opPath(op), [...shared].sort((a, b) => a - b));
    queue.set(opPath(op), [...q].sort((a, b) => a - b));
    hook.set(opPath(op), [...inHook].sort((a, b) => a - b));
  }
  const m = { release, hold, sharedHold, queue, hook };
  perAdapter.set(ptes, m);
  return m;
}
