/**
 * `ptconform merge A.json B.json ... [--json OUT] [--junit F] [--ktap [F]] [--badges DIR]`: join
 * the results of CI shards (`check --shard i/n --json`) into the results of one run. The shards
 * must be all n of one run (same tool version, seed, budget, adapters); each adapter's results
 * merge as its scenario ranges do inside one run (`src/check/result.ts`), so the merged document
 * equals an unsharded run's, timings aside.
 */
import { UsageError } from '../adapter/load';
import { mergeAll } from '../check/result';
import type { ResultsJson } from '../results/schema';
import { out } from './output';
import { writeOutputs, type OutputOptions } from './outputs';
import { readResultsFile } from './report';
import { buildResults } from './results';
import { closeRun } from './summary';

/** Merge shard documents (any order) into one run's results; inconsistent shards are a {@link UsageError}. */
export function mergeShards(docs: { file: string; doc: ResultsJson }[]): ResultsJson {
  const first = docs[0];
  if (!first) throw new UsageError('merge needs at least one results file');
  const count = first.doc.shard?.count;
  for (const { file, doc } of docs) {
    if (!doc.shard) throw new UsageError(`${file} is not a shard's results (no 'shard' field: it was not written by check --shard)`);
    if (doc.shard.count !== count) throw new UsageError(`${file} is shard ${doc.shard.index}/${doc.shard.count}, but ${first.file} is one of ${count}`);
    for (const k of ['version', 'seed', 'runs'] as const) {
      if (doc[k] !== first.doc[k]) throw new UsageError(`${file} has ${k} ${String(doc[k])}, but ${first.file} has ${String(first.doc[k])}: not shards of one run`);
    }
    const names = doc.adapters.map((a) => a.name).join(',');
    if (names !== first.doc.adapters.map((a) => a.name).join(',')) throw new UsageError(`${file} checked other adapters than ${first.file}: not shards of one run`);
  }
  const sorted = [...docs].sort((a, b) => a.doc.shard!.index - b.doc.shard!.index);
  sorted.forEach(({ file, doc }, k) => {
    if (doc.shard!.index !== k + 1) throw new UsageError(`shard ${k + 1}/${count} is missing or given twice (${file} is ${doc.shard!.index}/${count})`);
  });
  if (sorted.length !== count) throw new UsageError(`${sorted.length} of ${count} shards given: shard ${sorted.length + 1}/${count} is missing`);
  const adapters = first.doc.adapters.map((_, i) => mergeAll(sorted.map(({ doc }) => doc.adapters[i]!)));
  return buildResults(first.doc.version, first.doc.seed, first.doc.runs, adapters);
}

/** Run `merge`; returns the exit code of the merged run (as `check` would). */
export async function runMerge(files: string[], o: OutputOptions): Promise<number> {
  const doc = mergeShards(files.map((file) => ({ file, doc: readResultsFile(file) })));
  await writeOutputs(doc, o);
  const toStdout = o.json === '-' || o.ktap === '-';
  return closeRun(doc, toStdout ? (l) => process.stderr.write(l + '\n') : out);
}
