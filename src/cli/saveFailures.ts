/**
 * `check --save DIR`: each failure saved as a replay file named `<adapter>--<contract>--seed<N>.json`
 * (the seed in the name: runs with other seeds never overwrite each other), holding the adapter
 * by registry name or by path relative to the file, the adapter's sha256 and the tool version.
 * An adapter error (a hook that threw, a hang) is saved under the contract name `error`, a known
 * generic-mm finding under `finding-<ID>`.
 */
import fs from 'fs';
import path from 'path';
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

/** How a failure is keyed and named: its contract, or `finding-F1` for a known generic-mm finding. */
export function failureKey(f: Pick<Failure, 'contract' | 'finding'>): string {
  return f.finding !== undefined ? `finding-${f.finding}` : f.contract;
}

/**
 * Save each failure as a replay file in `dir`; returns the files by {@link failureKey}. `ref` is the
 * adapter as given to `check`. Several scenario ranges may have found one contract: the failure
 * saved is the one a single pass finds, the first by scenario index.
 */
export function saveFailures(dir: string, ref: string, adapterName: string, failures: Failure[]): Map<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  const first = new Map<string, Failure>();
  for (const f of failures) {
    const key = failureKey(f);
    if (!first.has(key) || f.index < first.get(key)!.index) first.set(key, f);
  }
  const files = new Map<string, string>();
  for (const [key, f] of first) {
    const file = path.join(dir, replayFileName(adapterName, key, f.seed));
    writeReplayFile(file, {
      schema: 1, tool: 'ptconform', kind: 'counterexample', version: VERSION, ...adapterFieldsForSave(ref, file), adapterName,
      property: 'all', contracts: f.contracts, seed: f.seed, path: f.path, scenario: f.scenario,
      violation: { contract: f.contract, message: f.message },
    });
    files.set(key, file);
  }
  return files;
}
