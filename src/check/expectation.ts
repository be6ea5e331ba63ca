/**
 * Whether an adapter met its expectation, judged on the contracts that were run: a correct
 * adapter fails none; a known-bad one fails every documented contract that was run (not n/a, not
 * filtered out by --property / --contract) and nothing else. When none of its documented
 * contracts was run, it is as expected iff nothing failed.
 */
import type { KnownBad } from '../adapter/types';
import type { ContractResult } from '../results/schema';

/** The expectation's judgement, with what differed. */
export interface ExpectationJudgement {
  asExpected: boolean;
  /** Documented failing contracts that were run. */
  expected: string[];
  /** Documented failing contracts that were run and passed. */
  missing: string[];
  /** Contracts that failed without being documented. */
  unexpected: string[];
}

/** Judge `contracts` against the expectation of an adapter (or its result) with `knownBad`. */
export function judgeExpectation(a: { knownBad?: KnownBad } | undefined, contracts: readonly ContractResult[]): ExpectationJudgement {
  const run = new Set(contracts.filter((c) => c.verdict !== 'n/a').map((c) => c.id));
  const failed = contracts.filter((c) => c.verdict === 'fail').map((c) => c.id);
  const documented = a?.knownBad?.contracts ?? [];
  const expected = documented.filter((id) => run.has(id));
  const missing = expected.filter((id) => !failed.includes(id));
  const unexpected = failed.filter((id) => !documented.includes(id));
  return { asExpected: missing.length === 0 && unexpected.length === 0, expected, missing, unexpected };
}
