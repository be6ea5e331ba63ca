/**
 * A second, scenario-aware minimisation after fast-check's shrinking. fast-check shrinks one
 * value at a time, so it cannot drop an op and retime the chunk that preempted the actor in the
 * same move, and it stops in a local minimum that still carries a few extra actor switches. This
 * pass tries structural moves on the shrunk scenario (drop a CPU's program, an op, a chunk;
 * shorten a chunk; replace the schedule by one preemption "actor a for n steps, then every other
 * CPU to completion") and keeps a move when the run still fails with the same contract and the
 * counterexample gets shorter in segments (the unit of the catalog's minimal scenarios), or as
 * short and smaller. Deterministic and bounded; it never changes the verdict, only its witness.
 */
import type { Adapter } from '../adapter/types';
import type { PropertyMonitor } from '../check/property';
import { runScenario } from '../engine/runner';
import type { Chunk, Scenario } from '../engine/scenario';
import { segments, timelineOf } from '../engine/timeline';

/** Steps of a "run to completion" chunk. */
const ALL = 64;

interface Score {
  segments: number;
  size: number;
}

function size(sc: Scenario): number {
  return sc.programs.reduce((n, p) => n + p.length, 0) * 4 + sc.schedule.length * 2 + sc.schedule.reduce((n, c) => n + Math.min(c.n, ALL), 0) / ALL;
}

function better(a: Score, b: Score): boolean {
  return a.segments < b.segments || (a.segments === b.segments && a.size < b.size);
}

function clone(sc: Scenario): Scenario {
  return JSON.parse(JSON.stringify(sc)) as Scenario;
}

/**
 * Single-preemption schedules: actor a for n steps, then every other busy CPU to completion, in
 * CPU order and (with two or more others) in reverse CPU order, since the race may need the
 * later CPU's op to run first (a collapse before the split of the huge pmd it installs).
 */
function preemptions(sc: Scenario, maxN: number): Chunk[][] {
  const busy = sc.programs.map((p, i) => (p.length ? i : -1)).filter((i) => i >= 0);
  const out: Chunk[][] = [];
  for (const a of busy) {
    const others = busy.filter((b) => b !== a);
    const orders = others.length > 1 ? [others, [...others].reverse()] : [others];
    for (const order of orders) {
      for (let n = 1; n <= maxN; n++) out.push([{ a, n }, ...order.map((b) => ({ a: b, n: ALL }))]);
    }
  }
  return out;
}

/** Candidate scenarios one move away from `sc`. */
function* moves(sc: Scenario): Generator<Scenario> {
  // Drop a whole CPU program (and the chunks that name that CPU).
  for (let c = 0; c < sc.programs.length; c++) {
    if (!sc.programs[c]?.length) continue;
    const s = clone(sc);
    s.programs[c] = [];
    s.schedule = s.schedule.filter((ch) => ch.a !== c);
    yield s;
  }
  // Drop one op.
  for (let c = 0; c < sc.programs.length; c++) {
    for (let i = 0; i < (sc.programs[c]?.length ?? 0); i++) {
      const s = clone(sc);
      s.programs[c]!.splice(i, 1);
      yield s;
    }
  }
  // Drop one chunk; shorten one chunk.
  for (let j = 0; j < sc.schedule.length; j++) {
    const s = clone(sc);
    s.schedule.splice(j, 1);
    yield s;
    const n = sc.schedule[j]!.n;
    for (const m of [1, 2, 3, Math.floor(n / 2), n - 1]) {
      if (m < 1 || m >= n) continue;
      const t = clone(sc);
      t.schedule[j]!.n = m;
      yield t;
    }
  }
  // One preemption instead of the drawn schedule.
  for (const schedule of preemptions(sc, 8)) yield { ...clone(sc), schedule };
  // Drop one op and retime with one preemption.
  for (let c = 0; c < sc.programs.length; c++) {
    for (let i = 0; i < (sc.programs[c]?.length ?? 0); i++) {
      const s = clone(sc);
      s.programs[c]!.splice(i, 1);
      for (const schedule of preemptions(s, 8)) yield { ...s, schedule };
    }
  }
}

/**
 * Minimise `sc`, a scenario that fails `adapter` with `contract`, by greedy structural moves;
 * at most `budget` runs.
 */
export function minimizeScenario(adapter: Adapter, sc: Scenario, contract: string, monitors: PropertyMonitor[], budget = 1500): Scenario {
  const score = (s: Scenario): Score | null => {
    const r = runScenario(adapter, s, { monitors });
    if (r.limit || !r.violation || r.violation.contract !== contract) return null;
    return { segments: segments(timelineOf(r)), size: size(s) };
  };
  let best = sc;
  let bestScore = score(sc);
  if (!bestScore) return sc;
  let runs = 0;
  for (let improved = true; improved && runs < budget;) {
    improved = false;
    for (const cand of moves(best)) {
      if (++runs > budget) break;
      const s = score(cand);
      if (s && better(s, bestScore)) {
        best = cand;
        bestScore = s;
        improved = true;
        break;
      }
    }
  }
  return best;
}
