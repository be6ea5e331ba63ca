/**
 * Checking one adapter: every applicable property is run with fast-check; when it fails, the
 * shrunk counterexample names one contract, which is recorded as failed, and the property is
 * run again without that contract, until it passes. So every failing contract is found, each
 * with its own minimal counterexample, and every other contract is shown to pass.
 */
import fc from 'fast-check';
import type { Adapter } from '../adapter/types';
import { contractById } from '../contracts/catalog';
import { runScenario, type RunResult } from '../engine/runner';
import { scenarioArb, type Scenario } from '../engine/scenario';
import { counterexampleOf } from '../engine/timeline';
import type { AdapterResult, ContractResult } from '../results/schema';
import type { Property } from './property';

/** Options of a check. */
export interface CheckOptions {
  runs: number;
  seed: number;
  /** A fast-check replay path (with `seed`): re-run exactly that case. */
  path?: string;
  /** How to name the adapter in replay commands (`--adapter X`). */
  adapterRef: string;
  /** Called after each property run (for progress). */
  onProgress?: (adapter: string, property: string) => void;
}

/** A failing contract with its shrunk scenario (kept for --save and export). */
export interface Failure {
  property: string;
  contracts: string[];
  scenario: Scenario;
  result: RunResult;
  seed: number;
  path: string;
}

/** Raised when a run goes beyond the model: reported as an adapter error, never a pass. */
export class ModelLimitError extends Error {}

/** Run one property (restricted to `contracts`) with fast-check. */
export function runProperty(adapter: Adapter, prop: Property, contracts: Set<string>, runs: number, seed: number, path?: string): {
  details: fc.RunDetails<[Scenario]>;
  executed: number;
} {
  let executed = 0;
  const monitors = prop.monitor ? [prop.monitor] : [];
  const details = fc.check(
    fc.property(scenarioArb(adapter), (sc) => {
      executed++;
      const r = runScenario(adapter, sc, { judge: (v) => contracts.has(v.contract), monitors });
      if (r.limit) throw new ModelLimitError(r.limit);
      return r.violation === null;
    }),
    path !== undefined ? { seed, numRuns: runs, path } : { seed, numRuns: runs },
  );
  return { details, executed };
}

/** Check `adapter` against every property; returns the adapter's result and its failures. */
export function checkAdapter(adapter: Adapter, props: readonly Property[], opts: CheckOptions): { result: AdapterResult; failures: Failure[] } {
  const contracts: ContractResult[] = [];
  const failures: Failure[] = [];
  let error: string | undefined;
  for (const prop of props) {
    const applies = prop.appliesTo(adapter);
    const remaining = new Set(prop.contracts.filter((id) => applies && (prop.contractApplies?.(adapter, id) ?? true)));
    const row = (id: string, extra: Partial<ContractResult>): ContractResult => ({
      id, property: prop.id, summary: contractById(id).summary, verdict: 'n/a', runs: 0, ms: 0, ...extra,
    });
    for (const id of prop.contracts) if (!remaining.has(id)) contracts.push(row(id, {}));
    while (remaining.size > 0 && error === undefined) {
      const t0 = Date.now();
      const { details, executed } = runProperty(adapter, prop, remaining, opts.runs, opts.seed, opts.path);
      const ms = Date.now() - t0;
      opts.onProgress?.(adapter.name, prop.id);
      if (!details.failed) {
        for (const id of remaining) contracts.push(row(id, { verdict: 'pass', runs: executed, ms }));
        remaining.clear();
        break;
      }
      if (details.errorInstance instanceof ModelLimitError || !details.counterexample) {
        error = `model limit in property ${prop.id}: ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)}`;
        break;
      }
      const scenario = details.counterexample[0];
      const r = runScenario(adapter, scenario, { judge: (v) => remaining.has(v.contract), monitors: prop.monitor ? [prop.monitor] : [] });
      if (!r.violation) {
        error = `property ${prop.id}: the shrunk counterexample does not reproduce (non-deterministic adapter?)`;
        break;
      }
      const id = r.violation.contract;
      const path = details.counterexamplePath ?? '';
      const replay = `npx ptconform check --adapter ${opts.adapterRef} --property ${prop.id} --seed ${details.seed} --path ${path}`;
      contracts.push(row(id, {
        verdict: 'fail', runs: details.numRuns, ms, runsToFailure: details.numRuns,
        counterexample: counterexampleOf(r, details.seed, path, replay),
      }));
      failures.push({ property: prop.id, contracts: [...remaining], scenario, result: r, seed: details.seed, path });
      remaining.delete(id);
    }
    if (error !== undefined) break;
  }
  // Report contracts in property order, each property's contracts in its declared order.
  const order = props.flatMap((p) => p.contracts);
  contracts.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const failed = contracts.filter((c) => c.verdict === 'fail').map((c) => c.id);
  const verdict = error !== undefined ? 'error' : failed.length ? 'violates' : 'conforms';
  const expectation = adapter.knownBad ? 'known-bad' : 'conforms';
  // A known-bad adapter is as expected when it fails exactly its documented contracts.
  const asExpected = verdict === 'error' ? false
    : adapter.knownBad ? sameSet(failed, adapter.knownBad.contracts) : failed.length === 0;
  const result: AdapterResult = {
    name: adapter.name, arch: adapter.arch, era: adapter.era, verdict, expectation, asExpected,
    ...(adapter.knownBad ? { knownBad: adapter.knownBad } : {}),
    source: adapter.source,
    ...(error !== undefined ? { error } : {}),
    contracts,
  };
  return { result, failures };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
