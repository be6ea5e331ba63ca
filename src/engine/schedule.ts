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
 */
import fc from 'fast-check';
import type { Op } from './ops';
import { opPath, type PreemptionPoints } from './preemption';
import type { Chunk, GenConfig } from './scenario';

/** Steps of a tail chunk: enough for any op of the model to finish. */
export const TAIL_STEPS = 64;

/** Op kinds that remove or free page tables. */
export const REMOVERS: readonly Op['k'][] = ['dontneed', 'munmap', 'khugepaged', 'collapse'];

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
}

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
  return fc.record({ chunks, toRemover: weightedBool(g.preemptRemover), point });
}

/** Place a drawn schedule on `programs`: CPU picks name busy CPUs, then the tail. */
export function placeSchedule(programs: Op[][], drawn: DrawnSchedule, points: PreemptionPoints): Chunk[] {
  const rcu = programs.length;
  const busy = programs.map((p, i) => (p.length ? i : -1)).filter((i) => i >= 0);
  if (!busy.length) return drawn.chunks.map((c) => ({ a: c.a < 0 ? rcu : c.a % rcu, n: c.n }));
  const removing = busy.filter((i) => REMOVERS.includes(programs[i]![0]!.k));
  const schedule = drawn.chunks.map((c, j): Chunk => {
    if (c.a < 0) return { a: rcu, n: c.n };
    const pool = j === 0 && drawn.toRemover && removing.length ? removing : busy;
    const a = pool[c.a % pool.length]!;
    const at = j === 0 && drawn.point >= 0 ? points.get(opPath(programs[a]![0]!)) : undefined;
    return { a, n: at?.length ? at[drawn.point % at.length]! : c.n };
  });
  const last = schedule[schedule.length - 1];
  if (!last || last.a >= rcu) return schedule;
  return [...schedule, ...busy.filter((a) => a !== last.a).map((a) => ({ a, n: TAIL_STEPS }))];
}
