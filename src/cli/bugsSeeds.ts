/**
 * `ptconform bugs --seeds SPEC`: the historical bug corpus run at every seed of SPEC (`1..20`,
 * `1,5,9`), without shrinking, to show the generator's tails. Per bug: at how many seeds the
 * first failure had an expected contract, and the p50 / p95 / max of the runs and milliseconds
 * to that first failure (runs are deterministic; milliseconds depend on the machine's load).
 * `--json` carries every seed's numbers. Exit 1 when a seed misses a bug or reports it under
 * another contract.
 */
import { BUGS, OUT_OF_REACH } from '../../fixtures/bugs';
import { bugOrder, median, warmUp } from '../bugs/run';
import { sweepBug, type BugSweep, type SeedOutcome, type Spread } from '../bugs/sweep';
import { lpad, ms, pad } from './columns';
import { color, out, progressBar } from './output';
import { writeTextOutput } from './outputs';

/** The worst case the generator's tails should stay within (issue 8): runs to the first failure at any seed. */
export const TAIL_TARGET = 1000;

/** Options of `bugs --seeds`. */
export interface BugsSeedsOptions {
  seeds: number[];
  runs: number;
  json?: string;
  only?: string[];
}

/** The `bugs --seeds --json` document. */
export interface BugsSeedsJson {
  schema: 1;
  tool: 'ptconform';
  seeds: number[];
  runs: number;
  bugs: {
    id: string;
    adapter: string;
    expected: string[];
    /** Seeds whose first failure had an expected contract. */
    caught: number;
    runsToFailure: Spread;
    msToFailure: Spread;
    seeds: SeedOutcome[];
  }[];
  outOfReach: { id: string; reason: string }[];
  summary: {
    inReach: number;
    passed: number;
    failed: number;
    /** The largest runs to a first failure over every bug and seed (null if a seed missed). */
    worst: { id: string; seed: number; runsToFailure: number | null } | null;
    /** Bugs whose max runs to failure exceed TAIL_TARGET (or missed at some seed). */
    overTarget: string[];
  };
}

/** `1..20` for a contiguous ascending list, else the list. */
export function seedsLabel(seeds: readonly number[]): string {
  const contiguous = seeds.length > 2 && seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  return contiguous ? `${seeds[0]}..${seeds[seeds.length - 1]}` : seeds.join(',');
}

/** Whether seed outcome `a` is worse than `b`: a miss, or more runs to the first failure. */
function worse(a: SeedOutcome, b: SeedOutcome): boolean {
  return b.runsToFailure !== null && (a.runsToFailure === null || a.runsToFailure > b.runsToFailure);
}

/** The worst seed of a sweep. */
function worstSeed(b: BugSweep): SeedOutcome | null {
  return b.seeds.reduce<SeedOutcome | null>((w, o) => (w === null || worse(o, w) ? o : w), null);
}

/** Build the JSON document of a sweep. */
export function bugsSeedsJson(sweeps: BugSweep[], seeds: number[], runs: number): BugsSeedsJson {
  let worst: { id: string; o: SeedOutcome } | null = null;
  for (const b of sweeps) {
    const o = worstSeed(b);
    if (o && (worst === null || worse(o, worst.o))) worst = { id: b.id, o };
  }
  return {
    schema: 1, tool: 'ptconform', seeds, runs,
    bugs: sweeps.map((b) => ({
      id: b.id, adapter: b.adapter, expected: b.expected, caught: b.caughtExpected,
      runsToFailure: b.runsToFailure, msToFailure: b.msToFailure, seeds: b.seeds,
    })),
    outOfReach: OUT_OF_REACH.map((o) => ({ id: o.id, reason: o.reason })),
    summary: {
      inReach: sweeps.length,
      passed: sweeps.filter((b) => b.ok).length,
      failed: sweeps.filter((b) => !b.ok).length,
      worst: worst ? { id: worst.id, seed: worst.o.seed, runsToFailure: worst.o.runsToFailure } : null,
      overTarget: sweeps.filter((b) => b.runsToFailure.max === null || b.runsToFailure.max > TAIL_TARGET).map((b) => b.id),
    },
  };
}

function runsCell(v: number | null, runs: number): string {
  return v === null ? `>${runs}` : String(v);
}

/** Run `bugs --seeds`; returns the exit code. */
export function runBugsSeeds(o: BugsSeedsOptions): number {
  const bugs = BUGS.filter((b) => !o.only?.length || o.only.includes(b.id));
  const toStdout = o.json === '-';
  const say = toStdout ? (): void => undefined : out;
  warmUp(bugs.map((b) => b.adapter));
  const bar = progressBar(bugs.length * o.seeds.length);
  const sweeps = bugs.map((bug) => sweepBug(bug, o.seeds, o.runs, (seed) => bar.tick(`${bug.id} seed ${seed}`)));
  bar.stop();
  sweeps.sort((a, b) => bugOrder(a.id) - bugOrder(b.id));
  const doc = bugsSeedsJson(sweeps, o.seeds, o.runs);
  const s = doc.summary;

  say(color.bold(`Historical bug corpus: ${sweeps.length} bugs in reach, seeds ${seedsLabel(o.seeds)} (${o.seeds.length} seeds, up to ${o.runs} runs each, no shrinking)`));
  say();
  say(color.dim(`${pad('bug', 7)}${pad('arch / era', 30)}${pad('expected', 22)}${lpad('caught', 7)}${lpad('runs p50', 10)}${lpad('p95', 7)}${lpad('max', 7)}${pad(' (seed)', 9)}${lpad('ms p50', 8)}${lpad('p95', 7)}${lpad('max', 7)}`));
  for (const b of sweeps) {
    const where = `${b.arch.split(' (')[0]} / ${b.era.split(' (')[0]}`;
    const caught = `${b.caughtExpected}/${b.seeds.length}`;
    const w = worstSeed(b);
    const max = runsCell(b.runsToFailure.max, o.runs);
    const maxC = b.runsToFailure.max === null || b.runsToFailure.max > TAIL_TARGET ? color.yellow(lpad(max, 7)) : lpad(max, 7);
    say(`${pad(b.id, 7)}${pad(where.slice(0, 29), 30)}${pad(b.expected.join(',').slice(0, 21), 22)}${b.ok ? lpad(caught, 7) : color.red(lpad(caught, 7))}`
      + `${lpad(runsCell(b.runsToFailure.p50, o.runs), 10)}${lpad(runsCell(b.runsToFailure.p95, o.runs), 7)}${maxC}${pad(w ? ` (s${w.seed})` : '', 9)}`
      + `${lpad(ms(b.msToFailure.p50), 8)}${lpad(ms(b.msToFailure.p95), 7)}${lpad(ms(b.msToFailure.max), 7)}`);
    for (const x of b.seeds.filter((x) => !x.ok)) {
      say(color.red(`         seed ${x.seed}: ${x.caught ? `first failure reported as ${x.reported}, not ${b.expected.join(' or ')}` : `not caught within ${o.runs} runs`}`));
    }
  }
  say();
  say(`median p50 ${median(sweeps.map((b) => b.runsToFailure.p50)) ?? '-'} runs; worst case ${s.worst ? `${s.worst.id} ${runsCell(s.worst.runsToFailure, o.runs)} runs (seed ${s.worst.seed})` : '-'}`);
  say(`targets: every seed caught with an expected contract: ${s.failed === 0 ? 'met' : 'NOT met'}; max <= ${TAIL_TARGET} runs at every seed: ${s.overTarget.length ? `NOT met (${s.overTarget.join(', ')})` : 'met'}`);
  say(`${s.passed} passed, ${s.failed} failed`);
  if (o.json !== undefined) writeTextOutput(o.json, JSON.stringify(doc, null, 2));
  return s.failed === 0 ? 0 : 1;
}
