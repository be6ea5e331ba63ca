/** The one-line text summary of a check, counted like every other output (see outcome.ts). */
import type { ResultsJson } from '../results/schema';
import { adapterOutcome, formatTotals, totals } from './outcome';
import { findingsSummaryText } from './findings';

/** Adapters by outcome: as expected (`pass` or `xfail`), unexpected (`fail` or `xpass`), errors. */
export interface AdapterCounts {
  adapters: number;
  asExpected: number;
  /** Of the as-expected adapters, the known-bad ones failing their documented contracts. */
  knownBad: number;
  unexpected: number;
  errors: number;
}

/** Counts the adapters of `results` by {@link adapterOutcome}. */
export function adapterCounts(results: ResultsJson): AdapterCounts {
  const c: AdapterCounts = { adapters: results.adapters.length, asExpected: 0, knownBad: 0, unexpected: 0, errors: 0 };
  for (const a of results.adapters) {
    const { kind } = adapterOutcome(a);
    if (kind === 'error') c.errors++;
    else if (kind === 'fail' || kind === 'xpass') c.unexpected++;
    else {
      c.asExpected++;
      if (kind === 'xfail') c.knownBad++;
    }
  }
  return c;
}

/**
 * `N adapter(s): A as expected (K known-bad failing as documented), U unexpected, E error(s);
 * contracts: pass:N fail:N xfail:N xpass:N skip:N error:N`. Expected failures are `xfail`, never
 * `fail`: the line has a non-zero `fail`, `xpass` or `error` exactly when the exit code is not 0.
 */
export function renderSummaryLine(results: ResultsJson): string {
  const c = adapterCounts(results);
  return (
    `${c.adapters} adapter(s): ${c.asExpected} as expected (${c.knownBad} known-bad failing as documented), ` +
    `${c.unexpected} unexpected, ${c.errors} error(s); contracts: ${formatTotals(totals(results))}${findingsSummaryText(results)}`
  );
}
