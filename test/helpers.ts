/**
 * Test helpers: a quiet default scenario and a way to call adapter hooks directly inside a
 * model World (for unit tests of an adapter's own mechanics).
 */
import type { Adapter } from '../src/adapter/types';
import { buildWorld } from '../src/engine/runner';
import { SLOTS, PTES, CPUS, type Scenario } from '../src/engine/scenario';
import { setCurrent, type World } from '../src/model/world';
import { BLOCKED, type Step } from '../src/model/actor';

/** A scenario with no tables, no ops and no schedule, overridable field by field. */
export function quietScenario(over: Partial<Scenario> = {}): Scenario {
  return {
    fileKind: 'shmem',
    slots: Array.from({ length: SLOTS }, () => ({ vma: 'file' as const, shared: true, uffd: 'none' as const, table: false, ptes: Array<'none'>(PTES).fill('none') })),
    warm: false, splitPtl: true, allocSplitPtl: true, batchAllocFail: 0, ptlockAllocFail: 0, reclaim: false,
    // Batches larger than any scenario draws, so that unit tests see entries queue up rather
    // than a batch flushed inside the call.
    batch: { tables: 8, pages: 8 },
    programs: Array.from({ length: CPUS }, () => []), schedule: [],
    ...over,
  };
}

/** Step a generator as actor `a` until it yields BLOCKED or finishes. */
export function runAs(w: World, a: number, g: Step<unknown>): 'blocked' | 'done' {
  w.cur = w.actors[a]!;
  for (;;) {
    const r = g.next();
    if (r.done) return 'done';
    if (r.value === BLOCKED) return 'blocked';
  }
}

/** Build the World of `sc` for `adapter`, make it current, run `fn` as cpu0, and clean up. */
export function inWorld<T>(adapter: Adapter, fn: (w: World) => T, sc: Scenario = quietScenario()): T {
  const w = buildWorld(adapter, sc);
  try {
    setCurrent(w);
    w.cur = w.actors[0]!;
    w.cur.op = 'unit test';
    return fn(w);
  } finally {
    setCurrent(null);
  }
}
