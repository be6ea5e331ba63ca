/**
 * The outcome of a results document as every output reports it: per-adapter outcomes,
 * kselftest-style totals, and the exit code they imply. The text summary, KTAP, JUnit, badges
 * and the matrix all count with these functions, so none of them can disagree with the exit
 * code of `ptconform check` (0 iff `fail + xpass + error == 0`, 2 on any adapter error).
 */
import { contractOutcome, judgeExpectation, type ExpectationJudgement } from '../check/expectation';
import type { AdapterResult, ResultsJson } from '../results/schema';

/**
 * How one adapter ended, against its expectation: `pass` (a correct adapter conforms, or a
 * known-bad one none of whose documented contracts was run and nothing failed), `xfail` (a
 * known-bad adapter failing its documented contracts as expected), `fail` (an undocumented
 * contract failed), `xpass` (a documented known-bad contract was run and passed), `error` (the
 * adapter could not be run).
 */
export type AdapterOutcomeKind = 'pass' | 'xfail' | 'fail' | 'xpass' | 'error';

/** An adapter's outcome with the judgement behind it. */
export interface AdapterOutcome {
  kind: AdapterOutcomeKind;
  judgement: ExpectationJudgement;
  /**
   * The document says the adapter is not as expected although no contract result shows why
   * (a results file written by other code): counted as one adapter-level failure.
   */
  unexplained: boolean;
}

/** kselftest's counters (`# Totals: pass:N fail:N xfail:N xpass:N skip:N error:N`). */
export interface Totals {
  pass: number;
  fail: number;
  xfail: number;
  xpass: number;
  skip: number;
  error: number;
}

/** The exit code of `ptconform check`: 0 all as expected, 1 an unexpected result, 2 an adapter error. */
export type ExitCode = 0 | 1 | 2;

/** The outcome of `adapter` (see {@link AdapterOutcomeKind}). */
export function adapterOutcome(adapter: AdapterResult): AdapterOutcome {
  const judgement = judgeExpectation(adapter, adapter.contracts);
  const explained = judgement.unexpected.length > 0 || judgement.missing.length > 0;
  const unexplained = adapter.verdict !== 'error' && !adapter.asExpected && !explained;
  let kind: AdapterOutcomeKind;
  if (adapter.verdict === 'error') kind = 'error';
  else if (judgement.unexpected.length > 0 || unexplained) kind = 'fail';
  else if (judgement.missing.length > 0) kind = 'xpass';
  else kind = judgement.expected.length > 0 ? 'xfail' : 'pass';
  return { kind, judgement, unexplained };
}

/** All-zero totals. */
export function emptyTotals(): Totals {
  return { pass: 0, fail: 0, xfail: 0, xpass: 0, skip: 0, error: 0 };
}

/**
 * The totals of one adapter: one count per contract result by its {@link contractOutcome}, plus
 * one `error` when the adapter could not be run and one `fail` when its failure is
 * {@link AdapterOutcome.unexplained}.
 */
export function adapterTotals(adapter: AdapterResult): Totals {
  const t = emptyTotals();
  for (const c of adapter.contracts) t[contractOutcome(adapter, c)]++;
  const outcome = adapterOutcome(adapter);
  if (outcome.kind === 'error') t.error++;
  if (outcome.unexplained) t.fail++;
  return t;
}

/** The totals of a whole results document (the sum of {@link adapterTotals}). */
export function totals(results: ResultsJson): Totals {
  const t = emptyTotals();
  for (const a of results.adapters) {
    const at = adapterTotals(a);
    for (const k of Object.keys(t) as (keyof Totals)[]) t[k] += at[k];
  }
  return t;
}

/** `pass:N fail:N xfail:N xpass:N skip:N error:N`, kselftest's order. */
export function formatTotals(t: Totals): string {
  return `pass:${t.pass} fail:${t.fail} xfail:${t.xfail} xpass:${t.xpass} skip:${t.skip} error:${t.error}`;
}

/** The exit code `results` implies: 2 on any adapter error, else 1 when anything counts against it, else 0. */
export function exitCodeOf(results: ResultsJson): ExitCode {
  const t = totals(results);
  if (t.error > 0) return 2;
  return t.fail + t.xpass > 0 ? 1 : 0;
}
