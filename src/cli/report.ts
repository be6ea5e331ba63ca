/**
 * `ptconform report --from RESULTS.json --out DIR`: render a saved results document (from
 * `check --json`) as the static HTML report (DIR/index.html) and the Markdown matrix
 * (DIR/matrix.md). A missing, unparsable or malformed file is a usage error (exit 2).
 */
import fs from 'fs';
import { UsageError } from '../adapter/load';
import { writeReport } from '../report/html';
import { resultsProblem } from '../results/validate';
import type { ResultsJson } from '../results/schema';
import { out } from './output';

/** Options of `report`. */
export interface ReportCliOptions {
  from: string;
  out: string;
}

/** Read and validate a results JSON file; any problem is a one-line {@link UsageError}. */
export function readResultsFile(file: string): ResultsJson {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `results file not found: ${file}` : `cannot read results file ${file}: ${code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`malformed results file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const problem = resultsProblem(doc);
  if (problem !== null) throw new UsageError(`malformed results file ${file}: ${problem}`);
  return doc as ResultsJson;
}

/** Run `report`; returns the exit code (0; errors are thrown as {@link UsageError}). */
export async function runReport(o: ReportCliOptions): Promise<number> {
  const doc = readResultsFile(o.from);
  if (fs.existsSync(o.out) && !fs.statSync(o.out).isDirectory()) throw new UsageError(`--out ${o.out} exists and is not a directory`);
  const files = await writeReport(doc, o.out);
  for (const f of files) out(`wrote ${f}`);
  const s = doc.summary;
  out(`${s.adapters} adapter(s), ${s.unexpected} unexpected; contract cells: ${s.passed} pass, ${s.failed} fail, ${s.notApplicable} n/a`);
  return 0;
}
