/**
 * Running the historical bug corpus: each in-reach bug's adapter is checked with fast-check and
 * the default generator (`scenarioArb`, no per-bug tuning), judged on every contract, with every
 * applicable arch property monitor. The first failing run is timed (runs and ms to the first
 * failure), then fast-check shrinks it (ms to shrink); the shrunk counterexample's contract must
 * be one the catalog expects, and its length (segments) is compared with the catalog's minimal
 * Repro.
 */
import fc from 'fast-check';
import type { Adapter } from '../adapter/types';
import type { PropertyMonitor } from '../check/property';
import { CONTRACTS } from '../contracts/catalog';
import { runScenario, type RunResult } from '../engine/runner';
import { DEFAULT_GEN, scenarioArb, type GenConfig, type Scenario } from '../engine/scenario';
import { counterexampleOf } from '../engine/timeline';
import type { ReplayFile } from '../results/replayFile';
import { PROPERTIES } from '../../properties';
import { minimizeScenario } from './minimize';
import type { BugEntry, OutOfReach } from './types';

/** Default fast-check seed of `ptconform bugs`. */
export const DEFAULT_SEED = 1;
/** Default run budget per bug (a bug not found within it is "missed"). */
export const DEFAULT_RUNS = 20000;

/** Options of a corpus run. */
export interface BugRunOptions {
  seed: number;
  /** Run budget per bug. */
  runs: number;
  /** Shrink the first counterexample (default true; the test skips it when it only needs the bound on runs). */
  shrink?: boolean;
  /** Generator configuration (default: DEFAULT_GEN; other values only for measuring alternatives). */
  gen?: GenConfig;
}

/** The outcome of one bug. */
export interface BugResult {
  id: string;
  title: string;
  /** Adapter registry name. */
  adapter: string;
  file: string;
  arch: string;
  era: string;
  expected: string[];
  caught: boolean;
  /** Contract of the shrunk counterexample (null if not caught). */
  reported: string | null;
  /** Contract of the first failing run, before shrinking. */
  firstReported: string | null;
  runsToFailure: number | null;
  msToFailure: number | null;
  msToShrink: number | null;
  /** Segments of the shrunk counterexample. */
  length: number | null;
  minimal: number;
  /** Caught, and reported under an expected contract. */
  ok: boolean;
  /** The violation message of the shrunk counterexample. */
  message?: string;
  /** Set on the entries judged out of reach (then nothing ran). */
  outOfReach?: string;
  /** The shrunk scenario, fast-check seed and path (for saving a replay file). */
  scenario?: Scenario;
  seed?: number;
  path?: string;
}

/** The arch property monitors (s390 bits, PAE half reads, arm sections, ...) that apply to `adapter`. */
export function monitorsFor(adapter: Adapter): PropertyMonitor[] {
  return PROPERTIES.filter((p) => p.monitor && p.appliesTo(adapter)).map((p) => p.monitor!);
}

/** Run one scenario of a bug, judged on every contract with every applicable monitor. */
export function runBugScenario(adapter: Adapter, sc: Scenario): RunResult {
  return runScenario(adapter, sc, { monitors: monitorsFor(adapter) });
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Run a few hundred scenarios against every corpus adapter untimed, so that the first bug's
 * timings do not include the JIT warming up.
 */
export function warmUp(adapters: readonly Adapter[], runs = 150, gen: GenConfig = DEFAULT_GEN): void {
  for (const a of adapters) {
    const monitors = monitorsFor(a);
    fc.check(fc.property(scenarioArb(a, gen), (sc) => {
      runScenario(a, sc, { monitors });
      return true;
    }), { seed: 4242, numRuns: runs });
  }
}

/** Run one bug of the corpus. */
export function runBug(bug: BugEntry, opts: BugRunOptions): BugResult {
  const adapter = bug.adapter;
  const monitors = monitorsFor(adapter);
  let runs = 0;
  let firstAt: number | null = null;
  let firstRuns: number | null = null;
  let firstReported: string | null = null;
  const t0 = now();
  const details = fc.check(
    fc.property(scenarioArb(adapter, opts.gen ?? DEFAULT_GEN), (sc) => {
      const r = runScenario(adapter, sc, { monitors });
      if (firstAt === null) {
        runs++;
        if (r.violation) {
          firstAt = now();
          firstRuns = runs;
          firstReported = r.violation.contract;
        }
      }
      return r.violation === null;
    }),
    { seed: opts.seed, numRuns: opts.runs, endOnFailure: opts.shrink === false },
  );
  const base = {
    id: bug.id, title: bug.title, adapter: adapter.name, file: bug.file, arch: bug.arch, era: bug.era,
    expected: bug.expected, minimal: bug.minimal,
  };
  if (!details.failed || !details.counterexample || firstAt === null) {
    return { ...base, caught: false, reported: null, firstReported: null, runsToFailure: null, msToFailure: null, msToShrink: null, length: null, ok: false };
  }
  const shrunk = details.counterexample[0];
  const first = runScenario(adapter, shrunk, { monitors }).violation;
  // fast-check's shrinking, then the scenario-aware pass (src/bugs/minimize.ts).
  const scenario = first && opts.shrink !== false ? minimizeScenario(adapter, shrunk, first.contract, monitors) : shrunk;
  const t1 = now();
  const r = runScenario(adapter, scenario, { monitors });
  const v = r.violation;
  const length = v ? counterexampleOf(r, details.seed, details.counterexamplePath ?? '', '').length : null;
  const reported = v?.contract ?? null;
  return {
    ...base,
    caught: true,
    reported,
    firstReported,
    runsToFailure: firstRuns,
    msToFailure: (firstAt as number) - t0,
    msToShrink: opts.shrink === false ? 0 : t1 - (firstAt as number),
    length,
    ok: reported !== null && bug.expected.includes(reported),
    ...(v ? { message: v.message } : {}),
    scenario, seed: details.seed, path: details.counterexamplePath ?? '',
  };
}

/** The row of an out-of-reach entry. */
export function outOfReachResult(o: OutOfReach): BugResult {
  return {
    id: o.id, title: o.title, adapter: '', file: '', arch: '', era: '', expected: [], caught: false, reported: null,
    firstReported: null, runsToFailure: null, msToFailure: null, msToShrink: null, length: null, minimal: 0, ok: true,
    outOfReach: o.reason,
  };
}

/** Catalog order of ids like `B7`, `B10(a)`. */
export function bugOrder(id: string): number {
  const m = /^B(\d+)/.exec(id);
  return m ? Number(m[1]) * 10 + (id.includes('(b)') ? 1 : 0) : 9999;
}

/** The replay file of a caught bug (for fixtures/counterexamples, `ptconform replay`). */
export function replayFileOf(res: BugResult): ReplayFile | null {
  if (!res.caught || !res.scenario || !res.reported) return null;
  return {
    schema: 1, tool: 'ptconform', kind: 'counterexample',
    adapter: res.adapter, adapterName: res.adapter,
    property: 'all',
    contracts: CONTRACTS.map((c) => c.id),
    seed: res.seed ?? 0, path: res.path ?? '',
    scenario: res.scenario,
    violation: { contract: res.reported, message: res.message ?? '' },
  };
}

/** Median of the non-null values. */
export function median(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}
