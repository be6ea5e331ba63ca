/**
 * Checking one adapter in one pass: every generated scenario is run once and judged on every
 * applicable contract with every applicable monitor (`search.ts`); each outcome class found (a
 * failing contract, a hook that threw, a model limit) is then shrunk from the first scenario that
 * showed it to a smallest counterexample. `--runs` counts distinct scenarios.
 *
 * A check covers a range of scenario indices; ranges of one adapter (run by two workers, or by
 * two CI shards) merge into exactly the result of one pass over their union (`merge.ts`).
 */
import { adapterThrew } from '../adapter/frame';
import type { Adapter } from '../adapter/types';
import { contractById } from '../contracts/catalog';
import type { RunResult } from '../engine/runner';
import { scenarioArb, type Scenario } from '../engine/scenario';
import { counterexampleOf } from '../engine/timeline';
import type { AdapterResult, ContractResult, Counterexample, FindingResult } from '../results/schema';
import { findingById } from '../findings/registry';
import { addHookCounts, addScenario, coverageOf, emptyCoverage } from './coverage';
import { instrumentAdapter } from './instrument';
import type { Property } from './property';
import { finalizeAdapterResult } from './result';
import { classify, FINDING, LIMIT, scenarioAtPath, search, shrinkClass, THREW, type Judge, type OutcomeClass } from './search';

/** Options of a check. */
export interface CheckOptions {
  /** Scenarios in the whole budget (`--runs`). */
  runs: number;
  seed: number;
  /** This check's part of the budget: scenario indices [from, from + count) (default: all of it). */
  from?: number;
  count?: number;
  /** A fast-check replay path: re-run exactly that case. */
  path?: string;
  /** Only these contracts (`--contract`); default every contract of `props`. */
  contracts?: readonly string[];
  /** How to name the adapter in replay commands (`--adapter X`). */
  adapterRef: string;
  /** Called before each scenario of the search (progress, the watchdog's "last scenario"). */
  onScenario?: (index: number) => void;
  /** End at the first scenario that fails in any way, unshrunk (mutation testing: src/mutate/). */
  stopAtFirst?: boolean;
  /** Called as the check enters each phase (the watchdog says where a hung check was). */
  onPhase?: (phase: CheckPhase) => void;
}

/** The phases of a check, in order. */
export type CheckPhase = 'calibrating' | 'searching' | 'shrinking';

/** A failing class with its shrunk scenario (kept for --save and export). */
export interface Failure {
  /** The contract, or `error` for a hook that threw / a model limit. */
  contract: string;
  /** Set when the failure is a known generic-mm finding (src/findings/registry.ts), not the adapter's. */
  finding?: string;
  property: string;
  /** Contracts the check judged. */
  contracts: string[];
  scenario: Scenario;
  seed: number;
  path: string;
  /** Index of the first scenario of the search that showed it. */
  index: number;
  message: string;
}

/** The contracts of `props` that apply to `adapter`, by property, in report order (`null`: n/a). */
export function applicableContracts(adapter: Adapter, props: readonly Property[], only?: readonly string[]): { property: Property; id: string; applies: boolean }[] {
  const out: { property: Property; id: string; applies: boolean }[] = [];
  for (const p of props) {
    const applies = p.appliesTo(adapter);
    for (const id of p.contracts) {
      if (only && !only.includes(id)) continue;
      out.push({ property: p, id, applies: applies && (p.contractApplies?.(adapter, id) ?? true) });
    }
  }
  return out;
}

/** The counterexample record of a run that ended in a hook's throw or a model limit. */
function errorRun(r: RunResult, message: string): RunResult {
  const trace = r.trace;
  // Spelled out: a RunResult's trace may be a getter, which a spread would drop.
  return { violation: { contract: 'error', message, step: Math.max(0, trace.length - 1) }, violations: r.violations, trace, actors: r.actors, steps: r.steps };
}

/** Check `adapter` on its range of the budget; returns the adapter's result and its failures. */
export function checkAdapter(adapter: Adapter, props: readonly Property[], opts: CheckOptions): { result: AdapterResult; failures: Failure[] } {
  const t0 = Date.now();
  const from = opts.from ?? 0;
  const count = opts.count ?? opts.runs - from;
  const cells = applicableContracts(adapter, props, opts.contracts);
  const judged = new Set(cells.filter((c) => c.applies).map((c) => c.id));
  const propertyOf = new Map(cells.map((c) => [c.id, c.property.id]));
  const monitors = [...new Set(cells.filter((c) => c.applies && c.property.monitor).map((c) => c.property.monitor!))];
  const judge: Judge = { contracts: judged, monitors };

  // The generator calibrates itself on the adapter (each op run alone: its preemption points).
  // It runs the adapter's hooks, uncounted: coverage counts what the scenarios exercised.
  opts.onPhase?.('calibrating');
  const arb = scenarioArb(adapter);

  // 1. The search: one pass, every scenario judged on every contract.
  opts.onPhase?.('searching');
  const coverage = emptyCoverage(adapter);
  const inst = instrumentAdapter(adapter);
  const found = judged.size === 0 ? new Map<OutcomeClass, { index: number; path: string }>() : search(inst.adapter, arb, judge, {
    seed: opts.seed, from, count, ...(opts.path !== undefined ? { path: opts.path } : {}), ...(opts.stopAtFirst ? { stopAtFirst: true } : {}),
    before: (index, sc) => {
      addScenario(coverage, sc);
      opts.onScenario?.(index);
    },
  });
  addHookCounts(coverage, inst.counts);
  opts.onPhase?.('shrinking');

  // 2. Shrink each class from its first scenario, in index order (deterministic).
  const rows = new Map<string, ContractResult>();
  const failures: Failure[] = [];
  const findings: FindingResult[] = [];
  let error: string | undefined;
  let errorCounterexample: Counterexample | undefined;
  let errorIndex: number | undefined;
  const classes = [...found.entries()].sort((a, b) => a[1].index - b[1].index);
  for (const [cls, at] of classes) {
    const ts = Date.now();
    const shrinker = instrumentAdapter(adapter).adapter;
    const shrunk = opts.stopAtFirst ? scenarioAtPath(arb, opts.seed, at.path) : shrinkClass(shrinker, arb, judge, cls, opts.seed, at.path);
    const ms = Date.now() - ts;
    if (!shrunk) {
      if (error === undefined) {
        error = `the first scenario of ${cls} (index ${at.index}) does not reproduce: non-deterministic adapter?`;
        errorIndex = at.index;
      }
      continue;
    }
    const { result: r } = classify(shrinker, shrunk.scenario, judge);
    const isError = cls === THREW || cls === LIMIT;
    const replay = `npx ptconform check --adapter ${opts.adapterRef} --seed ${opts.seed} --path ${shrunk.path}${isError ? '' : ` --contract ${cls}`}`;
    if (isError) {
      const what = cls === THREW && r.thrown ? adapterThrew(r.thrown.hook, r.thrown.thrown) : `model limit: ${r.limit ?? 'beyond the model'}`;
      if (error === undefined || (errorIndex !== undefined && at.index < errorIndex)) {
        error = what;
        errorIndex = at.index;
        errorCounterexample = counterexampleOf(errorRun(r, what), opts.seed, shrunk.path, replay);
      }
      failures.push({ contract: 'error', property: 'error', contracts: [...judged], scenario: shrunk.scenario, seed: opts.seed, path: shrunk.path, index: at.index, message: what });
      continue;
    }
    if (!r.violation) continue;
    if (cls.startsWith(FINDING)) {
      const f = findingById(cls.slice(FINDING.length))!;
      const cx = counterexampleOf(r, opts.seed, shrunk.path, `npx ptconform check --adapter ${opts.adapterRef} --seed ${opts.seed} --path ${shrunk.path} --contract ${f.contract}`);
      findings.push({ id: f.id, title: f.title, contract: f.contract, status: f.status, reference: f.reference, runsToFailure: at.index + 1, ms, counterexample: cx });
      failures.push({ contract: f.contract, finding: f.id, property: propertyOf.get(f.contract) ?? '', contracts: [...judged], scenario: shrunk.scenario, seed: opts.seed, path: shrunk.path, index: at.index, message: r.violation.message });
      continue;
    }
    rows.set(cls, {
      id: cls, property: propertyOf.get(cls) ?? '', summary: contractById(cls).summary, verdict: 'fail',
      runs: count, ms, runsToFailure: at.index + 1,
      counterexample: counterexampleOf(r, opts.seed, shrunk.path, replay),
    });
    failures.push({ contract: cls, property: propertyOf.get(cls) ?? '', contracts: [...judged], scenario: shrunk.scenario, seed: opts.seed, path: shrunk.path, index: at.index, message: r.violation.message });
  }

  const contracts: ContractResult[] = cells.map((c) => rows.get(c.id) ?? {
    id: c.id, property: c.property.id, summary: contractById(c.id).summary,
    verdict: c.applies ? 'pass' : 'n/a', runs: c.applies ? count : 0, ms: 0,
  });
  const result = finalizeAdapterResult({
    name: adapter.name, arch: adapter.arch, era: adapter.era, verdict: 'conforms',
    expectation: adapter.knownBad ? 'known-bad' : 'conforms', asExpected: true,
    ...(adapter.knownBad ? { knownBad: adapter.knownBad } : {}),
    source: adapter.source,
    ...(error !== undefined ? { error } : {}),
    ...(errorCounterexample ? { errorCounterexample } : {}),
    ...(errorIndex !== undefined ? { errorIndex } : {}),
    contracts, ...(findings.length ? { findings: findings.sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true })) } : {}), scenarios: coverage.scenarios, ms: Date.now() - t0, coverage: coverageOf(coverage),
  });
  return { result, failures };
}
