/**
 * The counterexample file written by `check --save DIR` and read by `replay` and `export`:
 * the adapter reference, the property and contracts judged, fast-check's seed and path, and
 * the shrunk scenario itself (so a replay needs no search at all).
 *
 * Reading is strict: every field is checked against the schema of src/results/replaySchema.ts
 * and the first problem is one line naming the file and the field path, e.g.
 * `out/x.json: scenario.schedule[2].n: expected a positive integer, got -1`.
 */
import { PROPERTIES } from '../../properties';
import { UsageError } from '../adapter/load';
import type { Scenario } from '../engine/scenario';
import { writeFileAtomic } from './atomicWrite';
import { parseJsonText, readInputText } from './inputFile';
import { contractList, nameShape, pathShape, scenarioShape, seedShape, sha256Shape, versionShape } from './replaySchema';
import { fail, object, ShapeError, str, type Validator } from './shape';

/** A saved counterexample. */
export interface ReplayFile {
  schema: 1;
  tool: 'ptconform';
  kind: 'counterexample';
  /**
   * How to find the adapter again: a registry name, or a path to the adapter file. Files saved
   * by ptconform since `version` was recorded hold the path relative to the replay file's own
   * directory; older files hold it relative to the directory `check` ran in.
   */
  adapter: string;
  adapterName: string;
  property: string;
  /** The contracts the run was judged on. */
  contracts: string[];
  seed: number;
  path: string;
  scenario: Scenario;
  violation: { contract: string; message: string };
  /** The ptconform version that saved the file (absent in older files). */
  version?: string;
  /** sha256 of the adapter's source file when it was saved (file adapters only; absent in older files). */
  adapterSha256?: string;
}

const constant = <T extends string | number>(value: T): Validator<T> => (v, at) => (v === value ? value : fail(at, JSON.stringify(value), v));

const propertyShape: Validator<string> = (v, at) => {
  const ids = [...PROPERTIES.map((p) => p.id), 'all'];
  return typeof v === 'string' && ids.includes(v) ? v : fail(at, `a property id (${ids.join(', ')})`, v);
};

const replayShape = object<ReplayFile>({
  required: {
    tool: constant('ptconform'),
    kind: constant('counterexample'),
    schema: constant(1),
    adapter: nameShape,
    adapterName: nameShape,
    property: propertyShape,
    contracts: contractList,
    seed: seedShape,
    path: pathShape,
    scenario: scenarioShape,
    violation: object({ required: { contract: nameShape, message: str() } }),
  },
  optional: { version: versionShape, adapterSha256: sha256Shape },
}, 'a JSON object (a ptconform replay file)');

/** The violation contract of a file that saved an adapter error (a hook threw, a model limit) rather than a contract violation. */
export const ADAPTER_ERROR = 'error';

/**
 * `doc` checked as a {@link ReplayFile}; throws a {@link ShapeError} at the first bad field. The
 * violation is one of the judged contracts, which are not empty, or {@link ADAPTER_ERROR}.
 */
export function asReplayFile(doc: unknown): ReplayFile {
  const r = replayShape(doc, '');
  if (r.violation.contract === ADAPTER_ERROR) return r;
  if (r.contracts.length === 0) throw new ShapeError('contracts', 'expected at least one judged contract, got an array of 0');
  if (!r.contracts.includes(r.violation.contract)) {
    throw new ShapeError('violation.contract', `expected one of the judged contracts (the "contracts" field) or "${ADAPTER_ERROR}", got ${JSON.stringify(r.violation.contract)}`);
  }
  return r;
}

/** Read and validate a replay file; any problem is a one-line {@link UsageError} naming the file and field. */
export function readReplayFile(file: string): ReplayFile {
  const doc = parseJsonText(readInputText(file, 'replay file'), file, 'replay file');
  try {
    return asReplayFile(doc);
  } catch (e) {
    if (e instanceof ShapeError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Write a replay file, atomically (a reader never sees half of it). */
export function writeReplayFile(file: string, r: ReplayFile): void {
  writeFileAtomic(file, JSON.stringify(r, null, 2) + '\n');
}
