/** Assembling the results document (schema 1) from per-adapter results. */
import type { AdapterResult, ResultsJson } from '../results/schema';

/** The ResultsJson of a run, with its summary counts. */
export function buildResults(version: string, seed: number, runs: number, adapters: AdapterResult[]): ResultsJson {
  const cells = adapters.flatMap((a) => a.contracts);
  return {
    schema: 1, tool: 'ptconform', version, seed, runs, adapters,
    summary: {
      adapters: adapters.length,
      passed: cells.filter((c) => c.verdict === 'pass').length,
      failed: cells.filter((c) => c.verdict === 'fail').length,
      notApplicable: cells.filter((c) => c.verdict === 'n/a').length,
      errors: adapters.filter((a) => a.verdict === 'error').length,
      unexpected: adapters.filter((a) => !a.asExpected).length,
    },
  };
}
