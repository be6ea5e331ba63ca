/** The closing lines of a run (`check`, `merge`) and its exit code, from its results document. */
import { exitCodeOf } from '../report/outcome';
import { adapterCounts, renderSummaryLine } from '../report/summary';
import type { ResultsJson } from '../results/schema';

/**
 * Print the closing lines (the summary line of src/report/summary.ts, counted like every other
 * output, then the machine-readable `N passed, N failed`, where adapters an interrupted run did
 * not finish count as failed) with `log`; returns the exit code: 2 when an adapter could not be
 * checked, 1 when one did not meet its expectation, 0 otherwise.
 */
export function closeRun(doc: ResultsJson, log: (line: string) => void, notFinished = 0): number {
  const c = adapterCounts(doc);
  log(renderSummaryLine(doc));
  log(`${c.asExpected} passed, ${c.unexpected + c.errors + notFinished} failed`);
  return exitCodeOf(doc);
}
