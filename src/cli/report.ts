/**
 * `ptconform report --from RESULTS.json --out DIR`: render a saved results document (from
 * `check --json`) as the static HTML report (DIR/index.html) and the Markdown matrix
 * (DIR/matrix.md). A missing, unparsable or malformed file is a usage error (exit 2).
 */
import path from 'path';
import { UsageError } from '../adapter/load';
import { writeReport } from '../report/html';
import { renderSummaryLine } from '../report/summary';
import { parseJsonText, readInputText } from '../results/inputFile';
import { resultsProblem } from '../results/validate';
import type { ResultsJson } from '../results/schema';
import { out } from './output';
import { checkOutputTargets } from './outputPaths';

/** Options of `report`. */
export interface ReportCliOptions {
  from: string;
  out: string;
}

/** Read and validate a results JSON file; any problem is a one-line {@link UsageError}. */
export function readResultsFile(file: string): ResultsJson {
  const doc = parseJsonText(readInputText(file, 'results file'), file, 'results file');
  const problem = resultsProblem(doc);
  if (problem !== null) throw new UsageError(`${file}: malformed results file: ${problem}`);
  return doc as ResultsJson;
}

/** Run `report`; returns the exit code (0; errors are thrown as {@link UsageError}). */
export async function runReport(o: ReportCliOptions): Promise<number> {
  const from = { flag: '--from', path: o.from };
  checkOutputTargets([
    { flag: '--out', path: o.out, kind: 'dir' },
    { flag: '--out', path: path.join(o.out, 'index.html'), kind: 'file' },
    { flag: '--out', path: path.join(o.out, 'matrix.md'), kind: 'file' },
  ], [from]);
  const doc = readResultsFile(o.from);
  const files = await writeReport(doc, o.out);
  for (const f of files) out(`wrote ${f}`);
  out(renderSummaryLine(doc));
  return 0;
}
