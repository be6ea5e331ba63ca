/**
 * The search phase of a check: one pass over a range of generated scenarios. Each scenario is
 * run once, with every applicable property monitor attached, and judged on every applicable
 * contract at once (a run is judged by its first violation; later ones are its consequences).
 * The search records, per outcome class (a contract, a hook that threw, a model limit), the
 * first scenario index that showed it, and goes on to the end of its range: a contract that
 * fails does not stop the search for the others.
 *
 * Scenario `i` of a seed is always the same (fast-check's path `"i"`), so a range `[from, to)`
 * can run anywhere (another worker, another CI shard) and the per-class minimum over ranges is
 * what one pass over the whole budget finds.
 */
import fc from 'fast-check';
import type { Adapter } from '../adapter/types';
import { runScenario, type RunResult } from '../engine/runner';
import type { Scenario } from '../engine/scenario';
import type { PropertyMonitor } from './property';
import { findingOf } from '../findings/registry';

/** How one scenario ended, as a class the check reports on. */
export type OutcomeClass = string;

/** The class of an adapter hook that threw. */
export const THREW = 'error:threw';
/** The class of a run that went beyond the model. */
export const LIMIT = 'error:model-limit';

/** What the search needs to judge a run. */
export interface Judge {
  /** Contracts the check judges (applicable, and not filtered out by --property / --contract). */
  contracts: ReadonlySet<string>;
  monitors: PropertyMonitor[];
}

/** The class prefix of a run that shows a known generic-mm finding (`finding:F1`): src/findings/registry.ts. */
export const FINDING = 'finding:';

/**
 * Run one scenario and classify it: null when it passed. A violation that matches a known
 * generic-mm finding (and is not of a contract the adapter is documented known-bad for) is
 * classed as that finding, not as its contract: the contract's own verdict comes from the
 * other scenarios.
 */
export function classify(adapter: Adapter, sc: Scenario, judge: Judge): { cls: OutcomeClass | null; result: RunResult } {
  const result = runScenario(adapter, sc, { judge: (v) => judge.contracts.has(v.contract), monitors: judge.monitors });
  if (result.thrown) return { cls: THREW, result };
  if (result.limit !== undefined) return { cls: LIMIT, result };
  if (!result.violation) return { cls: null, result };
  const finding = findingOf({ adapter, scenario: sc, violation: result.violation, trace: result.trace });
  return { cls: finding ? `${FINDING}${finding.id}` : result.violation.contract, result };
}

/** A progress callback: scenarios done in the range so far. */
export type OnScenario = (index: number, sc: Scenario) => void;

/** Options of one search. */
export interface SearchOptions {
  seed: number;
  /** First scenario index (fast-check path). */
  from: number;
  /** Scenarios to run. */
  count: number;
  /** Called before each scenario runs (coverage, progress, the watchdog's "last scenario"). */
  before?: OnScenario;
  /** A fast-check replay path: run only that case (then `from`/`count` are ignored). */
  path?: string;
  /** End the search at the first scenario of any outcome class (mutation testing: one kill is enough). */
  stopAtFirst?: boolean;
}

/**
 * Run the range of `arb`'s scenarios against `adapter`; returns the first index of each outcome
 * class, in order of discovery.
 */
export function search(adapter: Adapter, arb: fc.Arbitrary<Scenario>, judge: Judge, o: SearchOptions): Map<OutcomeClass, { index: number; path: string }> {
  const first = new Map<OutcomeClass, { index: number; path: string }>();
  let i = o.path !== undefined ? 0 : o.from;
  // An exception classify() does not turn into an outcome (the model itself crashed, e.g. on a
  // table address no page holds) would be caught by fast-check, which then shrinks instead of
  // going on: the search would end early with nothing found, a silent pass. It is rethrown.
  // (The property is false only then or at `stopAtFirst`: no shrinking is wanted either way.)
  let crash: { index: number; error: unknown } | undefined;
  fc.check(
    fc.property(arb, (sc) => {
      const index = i++;
      o.before?.(index, sc);
      let cls: OutcomeClass | null;
      try {
        cls = classify(adapter, sc, judge).cls;
      } catch (error) {
        crash = { index, error };
        return false;
      }
      if (cls !== null && !first.has(cls)) first.set(cls, { index, path: o.path ?? String(index) });
      return !(o.stopAtFirst === true && cls !== null);
    }),
    o.path !== undefined
      ? { seed: o.seed, path: o.path, numRuns: 1 }
      : { seed: o.seed, path: String(o.from), numRuns: o.count, endOnFailure: true },
  );
  if (crash) {
    const e = crash.error;
    throw new Error(`the model crashed in scenario ${crash.index}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return first;
}

/** The scenario at `path`, unshrunk (what {@link shrinkClass} starts from). */
export function scenarioAtPath(arb: fc.Arbitrary<Scenario>, seed: number, path: string): { scenario: Scenario; path: string } {
  return { scenario: fc.sample(arb, { seed, path, numRuns: 1 })[0]!, path };
}

/**
 * Shrink the scenario at `path` to a smallest one of the same class; returns it with its
 * fast-check counterexample path (`seed` + that path replay it).
 */
export function shrinkClass(adapter: Adapter, arb: fc.Arbitrary<Scenario>, judge: Judge, cls: OutcomeClass, seed: number, path: string): { scenario: Scenario; path: string } | null {
  const details = fc.check(
    fc.property(arb, (sc) => classify(adapter, sc, judge).cls !== cls),
    { seed, path, numRuns: 1 },
  );
  if (!details.failed || !details.counterexample) return null;
  return { scenario: details.counterexample[0], path: details.counterexamplePath ?? path };
}
