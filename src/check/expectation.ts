/**
 * Judging an adapter's contract results against its expectation, restricted to what was run.
 *
 * A correct adapter is expected to fail nothing. A known-bad adapter (`knownBad.contracts`)
 * is expected to fail its documented contracts, but only those that were actually run: a
 * documented contract that does not apply (`n/a`) or that a `--property` filter left out
 * (no result at all) says nothing either way. Pure functions: the check driver uses them to
 * set `asExpected` (src/check/result.ts), and every report classifies contracts with them, so the
 * exit code and the outputs cannot disagree.
 */
import type { ContractResult } from '../results/schema';

/** What an expectation needs of an adapter (an `Adapter` or an `AdapterResult`). */
export interface ExpectationSubject {
  /** The documented failing contracts of a known-bad adapter; absent for a correct one. */
  knownBad?: { contracts: readonly string[] } | undefined;
}

/**
 * The outcome of one contract against its adapter's expectation, named as kselftest counts them:
 * `pass`, `fail` (an undocumented failure), `xfail` (a documented known-bad contract that failed,
 * as expected), `xpass` (a documented known-bad contract that was run and passed: unexpected),
 * `skip` (`n/a`: not run).
 */
export type ContractOutcome = 'pass' | 'fail' | 'xfail' | 'xpass' | 'skip';

/** The judgement of an adapter's contract results. */
export interface ExpectationJudgement {
  /** Every documented contract that was run failed, and no other contract failed. */
  asExpected: boolean;
  /** Documented contracts that were run and failed (expected failures), in result order. */
  expected: string[];
  /** Documented contracts that were run and passed (unexpected passes), in result order. */
  missing: string[];
  /** Contracts that failed without being documented (unexpected failures), in result order. */
  unexpected: string[];
  /** Documented contracts that were not run (`n/a`, or no result: filtered out), in documented order. */
  notRun: string[];
}

/** Whether `contract` is one of the documented failing contracts of `adapter`. */
export function isDocumented(adapter: ExpectationSubject, contract: string): boolean {
  return adapter.knownBad?.contracts.includes(contract) ?? false;
}

/** The outcome of `contract` (a result of `adapter`) against the adapter's expectation. */
export function contractOutcome(adapter: ExpectationSubject, contract: ContractResult): ContractOutcome {
  const documented = isDocumented(adapter, contract.id);
  switch (contract.verdict) {
    case 'n/a':
      return 'skip';
    case 'pass':
      return documented ? 'xpass' : 'pass';
    case 'fail':
      return documented ? 'xfail' : 'fail';
  }
}

/**
 * Judges `contracts` (the results of `adapter`, or of an adapter without an expectation when
 * `undefined`; contracts not run may be `n/a` or absent). A
 * known-bad adapter is as expected when every documented contract that was run failed and no
 * other contract failed; when none of its documented contracts was run, it is as expected iff
 * nothing failed. A correct adapter is as expected iff nothing failed. Adapter errors are not
 * judged here: an adapter that could not be run is never as expected.
 */
export function judgeExpectation(adapter: ExpectationSubject | undefined, contracts: readonly ContractResult[]): ExpectationJudgement {
  const subject = adapter ?? {};
  const judgement: ExpectationJudgement = { asExpected: true, expected: [], missing: [], unexpected: [], notRun: [] };
  const run = new Set<string>();
  for (const c of contracts) {
    const outcome = contractOutcome(subject, c);
    if (outcome !== 'skip') run.add(c.id);
    if (outcome === 'xfail') judgement.expected.push(c.id);
    else if (outcome === 'xpass') judgement.missing.push(c.id);
    else if (outcome === 'fail') judgement.unexpected.push(c.id);
  }
  judgement.notRun = (subject.knownBad?.contracts ?? []).filter((id) => !run.has(id));
  judgement.asExpected = judgement.missing.length === 0 && judgement.unexpected.length === 0;
  return judgement;
}
