/**
 * The interleaving of a generated scenario: a few drawn chunks "run actor a for n steps" (few
 * preemptions find most races: a preemption-bounded search), then every other busy CPU runs to
 * completion before the last preempted one resumes.
 *
 * The chunks are drawn before the programs are known and placed on them afterwards
 * (`placeSchedule`): a drawn actor 0..11 names a busy CPU (modulo 1..4 busy CPUs, so each
 * busy CPU is equally likely), -1 the RCU engine (actor `programs.length`). The first chunk prefers a CPU whose program
 * starts with a remover (a page-table freeing path is where the windows are), and preempts its
 * op at one of its measured preemption points (preemption.ts) rather than after a blind count.
 *
 * A second shape preempts a lock holder: a CPU whose first op takes a contended lock is stopped
 * at one of its measured hold points (holding it; when its op is on another pmd than the
 * remover's, at a point where the lock is one every pmd shares, such as `pmd_lock()`), then a CPU whose program starts with a
 * remover runs until it blocks or finishes, then every other busy CPU runs to completion (in the
 * window the remover left open, e.g. after a failed `spin_trylock()`) before the remover and the
 * holder resume.
 *
 * Two shapes around RCU. A first chunk stopped at a queue point (preemption.ts: right after a
 * step that queued an RCU callback, e.g. a table batch or `tlb_remove_table_one()`'s table
 * inside `tlb_remove_table()`) is followed by the RCU engine, so that the grace period ends and
 * the callback runs before the op's next statement: the window of an arch hook that still acts
 * on a table it has just queued. And (weight `nested`) two removers each stopped inside an arch
 * hook (at a hook point, preemption.ts), the second inside the first's window: the first runs
 * to completion, the RCU engine runs, the other busy CPUs run, and the second resumes last (two gathers of one mm overlapping, e.g. s390's
 * lazy `flush_mm` handed from one gather's `pte_free_tlb()` to the other's `tlb_flush()`).
 */
import fc from 'fast-check';
import { REMOVERS, type Op } from './ops';
import { opPath, type PreemptionPoints, type SchedulePoints } from './preemption';
import type { Chunk, GenConfig } from './scenario';

/** Steps of a tail chunk: enough for any op of the model to finish. */
export const TAIL_STEPS = 64;

/** Drawn actor values per CPU pick: 0..PICKS-1, uniform modulo 1..4 busy CPUs. */
const PICKS = 12;
/** Drawn index of a preemption point: 0..POINT_PICKS-1, uniform modulo any count up to 8. */
const POINT_PICKS = 840;

/** The schedule as drawn, before it is placed on the programs. */
export interface DrawnSchedule {
  /** Chunks with `a` a CPU pick (0..PICKS-1) or -1 for the RCU engine. */
  chunks: Chunk[];
  /** Whether the first chunk prefers a CPU whose program starts with a remover. */
  toRemover: boolean;
  /** Index of the first chunk's preemption point, or -1 for its drawn length. */
  point: number;
  /**
   * Index of a hold point for the lock-holder shape (see above), or -1 (or absent) for the drawn
   * chunks. The holder and the remover are picked by the first chunk's `a`.
   */
  holder?: number;
  /**
   * Draw of the two stops of the nested-removers shape (see above), or -1 (or absent) for the
   * other shapes: the first remover's stop is `nested` modulo its op's hook-point count, the
   * second's the quotient modulo its own. The removers are picked by the first chunk's `a`.
   */
  nested?: number;
}

/** Where a placed chunk stops an op: after `n` steps; `gp` when that step queued an RCU callback. */
interface Stop {
  n: number;
  gp: boolean;
}

/** The stops of `op`: its preemption points, then its queue points (the RCU engine runs after those). */
function stopsOf(op: Op, points: Points): Stop[] {
  const at = (m: PreemptionPoints | undefined, gp: boolean): Stop[] => (m?.get(opPath(op)) ?? []).map((n) => ({ n, gp }));
  return [...at(points.release, false), ...at(points.queue, true)];
}

/** The measured points a schedule is placed on (preemption.ts); absent kinds have none. */
export type Points = Partial<SchedulePoints> & Pick<SchedulePoints, 'release'>;

function weightedBool(w: number): fc.Arbitrary<boolean> {
  return w > 0 ? fc.oneof({ weight: w, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(false);
}

/** The drawn schedule: 1, 2 or 3 chunks (or up to maxChunks), fine-grained lengths weighted in. */
export function drawnScheduleArb(g: GenConfig): fc.Arbitrary<DrawnSchedule> {
  const [fine, medium, long] = g.chunkWeights;
  const n = fc.oneof(...[
    { weight: fine, arbitrary: fc.integer({ min: 1, max: g.fineMax }) },
    { weight: medium, arbitrary: fc.integer({ min: 1, max: 12 }) },
    { weight: long, arbitrary: fc.integer({ min: 11, max: 40 }) },
  ].filter((a) => a.weight > 0));
  const a = fc.oneof({ weight: g.cpuChunks, arbitrary: fc.nat({ max: PICKS - 1 }) }, { weight: 1, arbitrary: fc.constant(-1) });
  const chunk = fc.record({ a, n });
  const [one, two, three, any] = g.chunkCounts;
  const chunks = fc.oneof(...[
    { weight: one, arbitrary: fc.array(chunk, { minLength: 1, maxLength: 1 }) },
    { weight: two, arbitrary: fc.array(chunk, { minLength: 2, maxLength: 2 }) },
    { weight: three, arbitrary: fc.array(chunk, { minLength: 3, maxLength: 3 }) },
    { weight: any, arbitrary: fc.array(chunk, { maxLength: g.maxChunks }) },
  ].filter((x) => x.weight > 0));
  const point = g.points > 0 ? fc.oneof({ weight: g.points, arbitrary: fc.nat({ max: POINT_PICKS - 1 }) }, { weight: 1, arbitrary: fc.constant(-1) }) : fc.constant(-1);
  const holder = g.holder > 0 ? fc.oneof({ weight: g.holder, arbitrary: fc.nat({ max: POINT_PICKS - 1 }) }, { weight: 10, arbitrary: fc.constant(-1) }) : fc.constant(-1);
  const nested = g.nested > 0 ? fc.oneof({ weight: g.nested, arbitrary: fc.nat({ max: POINT_PICKS * POINT_PICKS - 1 }) }, { weight: 10, arbitrary: fc.constant(-1) }) : fc.constant(-1);
  return fc.record({ chunks, toRemover: weightedBool(g.preemptRemover), point, holder, nested });
}

/**
 * The lock-holder shape (see above) on `programs`, or null when no busy CPU other than a
 * remover's has a hold point: [holder to its hold point, remover until it blocks].
 */
function holderSchedule(programs: Op[][], busy: number[], removing: number[], drawn: DrawnSchedule, holds: PreemptionPoints, shared: PreemptionPoints): Chunk[] | null {
  const pick = drawn.chunks[0]?.a ?? 0;
  if (drawn.holder === undefined || drawn.holder < 0 || !removing.length || pick < 0) return null;
  const r = removing[pick % removing.length]!;
  const holders = busy.filter((h) => h !== r && holds.get(opPath(programs[h]![0]!))?.length);
  if (!holders.length) return null;
  const h = holders[Math.floor(pick / removing.length) % holders.length]!;
  const op = programs[h]![0]!;
  const at = holdPointsAgainst(op, programs[r]![0]!, holds.get(opPath(op))!, shared.get(opPath(op)) ?? []);
  return [{ a: h, n: at[drawn.holder % at.length]! }, { a: r, n: TAIL_STEPS }];
}

/**
 * The hold points of `holder` that can block `remover`: a holder on another pmd than the
 * remover's contends only for the locks every pmd shares (`shared`, when it has any), not for
 * its own PTE table's ptl.
 */
function holdPointsAgainst(holder: Op, remover: Op, all: readonly number[], shared: readonly number[]): readonly number[] {
  const apart = 'slot' in holder && 'slot' in remover && holder.slot !== remover.slot;
  return apart && shared.length ? shared : all;
}

/**
 * The nested-removers shape (see above) on `programs`, or null when fewer than two busy CPUs
 * start with a remover or one of them has no hook point: [first to its stop, second to its stop,
 * first to completion, the RCU engine, the others to completion]; the second resumes last.
 */
function nestedSchedule(programs: Op[][], busy: number[], removing: number[], drawn: DrawnSchedule, hooks: PreemptionPoints): Chunk[] | null {
  const pick = drawn.chunks[0]?.a ?? 0;
  if (drawn.nested === undefined || drawn.nested < 0 || removing.length < 2 || pick < 0) return null;
  const first = removing[pick % removing.length]!;
  const rest = removing.filter((r) => r !== first);
  const second = rest[Math.floor(pick / removing.length) % rest.length]!;
  const s1 = hooks.get(opPath(programs[first]![0]!)) ?? [];
  const s2 = hooks.get(opPath(programs[second]![0]!)) ?? [];
  if (!s1.length || !s2.length) return null;
  const rcu = programs.length;
  return [
    { a: first, n: s1[drawn.nested % s1.length]! },
    { a: second, n: s2[Math.floor(drawn.nested / s1.length) % s2.length]! },
    { a: first, n: TAIL_STEPS },
    { a: rcu, n: TAIL_STEPS },
    ...busy.filter((a) => a !== first && a !== second).map((a) => ({ a, n: TAIL_STEPS })),
  ];
}

/**
 * Place a drawn schedule on `programs`: CPU picks name busy CPUs, then the tail. The first chunk
 * stops at a preemption or queue point of `points` (the RCU engine runs after a queue point);
 * the lock-holder shape uses the hold points, the nested-removers shape the hook points.
 */
export function placeSchedule(programs: Op[][], drawn: DrawnSchedule, points: Points): Chunk[] {
  const rcu = programs.length;
  const busy = programs.map((p, i) => (p.length ? i : -1)).filter((i) => i >= 0);
  if (!busy.length) return drawn.chunks.map((c) => ({ a: c.a < 0 ? rcu : c.a % rcu, n: c.n }));
  const removing = busy.filter((i) => REMOVERS.includes(programs[i]![0]!.k));
  const held = holderSchedule(programs, busy, removing, drawn, points.hold ?? new Map(), points.sharedHold ?? new Map());
  if (held) return withTail(held, held[held.length - 1]!.a, busy);
  const nested = nestedSchedule(programs, busy, removing, drawn, points.hook ?? new Map());
  if (nested) return nested;
  let last = -1;
  const schedule = drawn.chunks.flatMap((c, j): Chunk[] => {
    if (c.a < 0) {
      last = rcu;
      return [{ a: rcu, n: c.n }];
    }
    const pool = j === 0 && drawn.toRemover && removing.length ? removing : busy;
    const a = (last = pool[c.a % pool.length]!);
    const at = j === 0 && drawn.point >= 0 ? stopsOf(programs[a]![0]!, points) : [];
    if (!at.length) return [{ a, n: c.n }];
    const stop = at[drawn.point % at.length]!;
    return stop.gp ? [{ a, n: stop.n }, { a: rcu, n: TAIL_STEPS }] : [{ a, n: stop.n }];
  });
  // After a drawn RCU chunk, no tail.
  return last < 0 || last >= rcu ? schedule : withTail(schedule, last, busy);
}

/** `schedule`, then every busy CPU but `last` to completion: `last` resumes after them. */
function withTail(schedule: Chunk[], last: number, busy: readonly number[]): Chunk[] {
  return [...schedule, ...busy.filter((a) => a !== last).map((a) => ({ a, n: TAIL_STEPS }))];
}
