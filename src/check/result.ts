/**
 * An adapter's verdict from its contract rows, error and coverage, and the merge of several
 * results of one adapter (run ranges checked by different workers or CI shards) into the result
 * one pass over their union gives: per contract, the failure found at the smallest scenario index
 * (its shrunk counterexample is the same wherever it ran); coverage summed; the verdict taken anew.
 */
import type { AdapterResult, ContractResult, FindingResult } from '../results/schema';
import { mergeCoverage, vacuity } from './coverage';
import { judgeExpectation } from './expectation';

/** Take `r`'s verdict and expectation anew from its rows, error and coverage. */
export function finalizeAdapterResult(r: AdapterResult): AdapterResult {
  const failed = r.contracts.some((c) => c.verdict === 'fail');
  // Vacuity guards a pass: a check whose contract failed has a real counterexample (an adapter
  // that violates one in every setup never reaches its freeing hooks, and is still wrong).
  const vac = r.error === undefined && r.coverage && !failed ? vacuity(r.coverage) : null;
  const error = r.error ?? vac ?? undefined;
  const verdict = error !== undefined ? 'error' : failed ? 'violates' : 'conforms';
  const asExpected = verdict === 'error' ? false : judgeExpectation(r, r.contracts).asExpected;
  return { ...r, verdict, asExpected, ...(error !== undefined ? { error } : {}) };
}

function mergeRow(a: ContractResult, b: ContractResult): ContractResult {
  const runs = a.runs + b.runs;
  if (a.verdict !== 'fail' && b.verdict !== 'fail') return { ...(a.verdict === 'pass' ? a : b), runs, ms: a.ms + b.ms };
  const aFirst = a.verdict === 'fail' && (b.verdict !== 'fail' || (a.runsToFailure ?? 0) <= (b.runsToFailure ?? 0));
  const first = aFirst ? a : b;
  return { ...first, runs };
}

/** Findings of two ranges: per finding, the one found at the smallest scenario index (its counterexample is the same wherever it ran), in ID order. */
function mergeFindings(a: readonly FindingResult[], b: readonly FindingResult[]): FindingResult[] {
  const byId = new Map<string, FindingResult>();
  for (const f of [...a, ...b]) {
    const seen = byId.get(f.id);
    if (!seen || f.runsToFailure < seen.runsToFailure) byId.set(f.id, f);
  }
  return [...byId.values()].sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }));
}

/** The error of the range whose erroring scenario came first (a range error without an index, such as a timeout, comes last). */
function firstError(a: AdapterResult, b: AdapterResult): AdapterResult | null {
  const ka = a.error === undefined ? Infinity : a.errorIndex ?? Number.MAX_SAFE_INTEGER;
  const kb = b.error === undefined ? Infinity : b.errorIndex ?? Number.MAX_SAFE_INTEGER;
  if (ka === Infinity && kb === Infinity) return null;
  return ka <= kb ? a : b;
}

/** Merge two results of the same adapter on disjoint scenario ranges. */
export function mergeAdapterResults(a: AdapterResult, b: AdapterResult): AdapterResult {
  if (a.name !== b.name) throw new Error(`cannot merge results of different adapters (${a.name}, ${b.name})`);
  const rows = new Map(b.contracts.map((c) => [c.id, c]));
  const contracts = (a.contracts.length ? a.contracts : b.contracts).map((c) => {
    const other = a.contracts.length ? rows.get(c.id) : undefined;
    return other ? mergeRow(c, other) : c;
  });
  const findings = mergeFindings(a.findings ?? [], b.findings ?? []);
  const e = firstError(a, b);
  // A vacuity error is a verdict on the coverage, taken anew on the sum: drop the ranges' own.
  const error = e && !(e.error ?? '').startsWith('vacuous:') ? e : null;
  const { error: _e, errorCounterexample: _x, errorIndex: _i, findings: _f, ...base } = a;
  const merged: AdapterResult = {
    ...base,
    ...(error?.error !== undefined ? { error: error.error } : {}),
    ...(error?.errorCounterexample ? { errorCounterexample: error.errorCounterexample } : {}),
    ...(error?.errorIndex !== undefined ? { errorIndex: error.errorIndex } : {}),
    contracts,
    ...(findings.length ? { findings } : {}),
    scenarios: (a.scenarios ?? 0) + (b.scenarios ?? 0),
    ms: (a.ms ?? 0) + (b.ms ?? 0),
    ...(a.coverage && b.coverage ? { coverage: mergeCoverage(a.coverage, b.coverage) } : {}),
  };
  return finalizeAdapterResult(merged);
}

/** Merge every result of one adapter (in range order). */
export function mergeAll(results: AdapterResult[]): AdapterResult {
  if (!results.length) throw new Error('nothing to merge');
  return results.slice(1).reduce(mergeAdapterResults, results[0]!);
}
