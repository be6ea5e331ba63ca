/**
 * `check --save DIR`: each failure saved as a replay file named `<adapter>--<contract>--seed<N>.json`
 * (the seed in the name: runs with other seeds never overwrite each other), holding the adapter
 * by registry name or by path relative to the file, the adapter's sha256 and the tool version.
 */
import path from 'path';
import type { Adapter } from '../adapter/types';
import type { Failure } from '../check/checkAdapter';
import { adapterFieldsForSave } from '../results/adapterRef';
import { writeReplayFile } from '../results/replayFile';
import { VERSION } from '../version';

/** A file-name-safe form of `name`. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The replay file name of a failure. */
export function replayFileName(adapterName: string, contract: string, seed: number): string {
  return `${safe(adapterName)}--${safe(contract)}--seed${seed}.json`;
}

/** Save each failure as a replay file in `dir`; returns the files by contract. `ref` is the adapter as given to `check`. */
export function saveFailures(dir: string, ref: string, adapter: Adapter, failures: Failure[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of failures) {
    const v = f.result.violation!;
    const file = path.join(dir, replayFileName(adapter.name, v.contract, f.seed));
    writeReplayFile(file, {
      schema: 1, tool: 'ptconform', kind: 'counterexample', version: VERSION, ...adapterFieldsForSave(ref, file), adapterName: adapter.name,
      property: f.property, contracts: f.contracts, seed: f.seed, path: f.path, scenario: f.scenario,
      violation: { contract: v.contract, message: v.message },
    });
    files.set(v.contract, file);
  }
  return files;
}
