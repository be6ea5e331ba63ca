/**
 * A jest reporter that ends the run with the plain machine-readable line `N passed, N failed`
 * (the line CI reads). Jest loads reporters untransformed, so this one runs compiled from dist/.
 */
interface AggregatedResult {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numRuntimeErrorTestSuites: number;
}

/** The reporter. */
class SummaryReporter {
  /** Called by jest when every suite has run. */
  onRunComplete(_contexts: unknown, r: AggregatedResult): void {
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    process.stdout.write(`${r.numPassedTests} passed, ${failed} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}\n`);
  }
}

module.exports = SummaryReporter;
