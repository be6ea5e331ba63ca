/**
 * The generator's tails: one bug of the corpus run at many seeds (`ptconform bugs --seeds`).
 * Each seed is an independent fast-check run of the default generator judged on every contract
 * (as `runBug` does, without shrinking); it stops at the first violation of any contract, and
 * the seed counts as caught when that violation is one of the bug's expected contracts. The
 * spread of runs and milliseconds to that first failure over the seeds (p50, p95, max) shows
 * the tail a single seed hides.
 */
import { runBug } from './run';
import type { BugEntry } from './types';

/** One seed of a sweep. */
export interface SeedOutcome {
  seed: number;
  /** Whether any run failed within the budget. */
  caught: boolean;
  /** Contract of the first failing run (null if none failed). */
  reported: string | null;
  /** Caught, and the first failure's contract is one the catalog expects. */
  ok: boolean;
  runsToFailure: number | null;
  msToFailure: number | null;
}

/**
 * Nearest-rank percentiles over the seeds. A seed that did not fail within the budget ranks
 * above every caught one; a percentile that lands on such a seed is null ("beyond the budget").
 */
export interface Spread {
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/** A bug swept over seeds. */
export interface BugSweep {
  id: string;
  adapter: string;
  arch: string;
  era: string;
  expected: string[];
  seeds: SeedOutcome[];
  runsToFailure: Spread;
  msToFailure: Spread;
  /** Seeds caught with an expected contract. */
  caughtExpected: number;
  /** Every seed caught with an expected contract. */
  ok: boolean;
}

/** Nearest-rank percentile `p` (0..100] of `xs`, nulls (misses) ranked last and returned as null. */
export function percentile(xs: readonly (number | null)[], p: number): number | null {
  if (!xs.length) return null;
  const sorted = xs.map((x) => x ?? Infinity).sort((a, b) => a - b);
  const v = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return Number.isFinite(v) ? v : null;
}

/** p50, p95 and max of `xs` (see Spread). */
export function spread(xs: readonly (number | null)[]): Spread {
  return { p50: percentile(xs, 50), p95: percentile(xs, 95), max: percentile(xs, 100) };
}

/** Run `bug` at every seed of `seeds` with a budget of `runs` runs each; `onSeed` reports progress. */
export function sweepBug(bug: BugEntry, seeds: readonly number[], runs: number, onSeed: (seed: number) => void = () => undefined): BugSweep {
  const outcomes = seeds.map((seed): SeedOutcome => {
    const r = runBug(bug, { seed, runs, shrink: false });
    onSeed(seed);
    return {
      seed, caught: r.caught, reported: r.firstReported, ok: r.caught && r.firstReported !== null && bug.expected.includes(r.firstReported),
      runsToFailure: r.runsToFailure, msToFailure: r.msToFailure,
    };
  });
  const caughtExpected = outcomes.filter((o) => o.ok).length;
  return {
    id: bug.id, adapter: bug.adapter.name, arch: bug.arch, era: bug.era, expected: bug.expected, seeds: outcomes,
    runsToFailure: spread(outcomes.map((o) => o.runsToFailure)),
    msToFailure: spread(outcomes.map((o) => o.msToFailure)),
    caughtExpected, ok: caughtExpected === outcomes.length,
  };
}
