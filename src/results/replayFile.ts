/**
 * The counterexample file written by `check --save DIR` and read by `replay` and `export`:
 * the adapter reference, the property and contracts judged, fast-check's seed and path, and
 * the shrunk scenario itself (so a replay needs no search at all).
 */
import fs from 'fs';
import { UsageError } from '../adapter/load';
import type { Scenario } from '../engine/scenario';

/** A saved counterexample. */
export interface ReplayFile {
  schema: 1;
  tool: 'ptconform';
  kind: 'counterexample';
  /** How to find the adapter again: a registry name or a path. */
  adapter: string;
  adapterName: string;
  property: string;
  /** The contracts the run was judged on. */
  contracts: string[];
  seed: number;
  path: string;
  scenario: Scenario;
  violation: { contract: string; message: string };
}

/** Read and validate a replay file; any problem is a one-line usage error. */
export function readReplayFile(file: string): ReplayFile {
  if (!fs.existsSync(file)) throw new UsageError(`replay file not found: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`malformed replay file ${file}: ${(e as Error).message}`);
  }
  const r = data as Partial<ReplayFile>;
  const bad = (what: string): never => {
    throw new UsageError(`malformed replay file ${file}: ${what}`);
  };
  if (typeof r !== 'object' || r === null || r.tool !== 'ptconform' || r.kind !== 'counterexample') bad('not a ptconform counterexample');
  if (r.schema !== 1) bad(`unsupported schema ${String(r.schema)}`);
  if (typeof r.adapter !== 'string' || typeof r.property !== 'string') bad('missing adapter or property');
  if (!Array.isArray(r.contracts) || !r.contracts.every((c) => typeof c === 'string')) bad('missing contracts');
  const sc = r.scenario as Partial<Scenario> | undefined;
  if (!sc || !Array.isArray(sc.slots) || !Array.isArray(sc.programs) || !Array.isArray(sc.schedule)) bad('missing or malformed scenario');
  if (!r.violation || typeof r.violation.contract !== 'string') bad('missing violation');
  return r as ReplayFile;
}

/** Write a replay file. */
export function writeReplayFile(file: string, r: ReplayFile): void {
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
}
