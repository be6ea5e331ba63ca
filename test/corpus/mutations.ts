/**
 * Deterministic mutations of a valid replay file (test/corpus/replay/base.json): every field
 * deleted, given the wrong type, out of range, NaN (which JSON.stringify saves as null), an
 * unknown enum value or op kind, an unknown extra field; the geometry arrays (slots, PTEs,
 * programs) one below their least and one above their greatest length. Each mutation is expected to be refused with one line naming the field path, except the
 * few listed in {@link VALID_MUTATIONS}, which are valid inputs (documented in README.md).
 */
import { CPUS, PTES, SLOTS } from '../../src/engine/scenario';
import { GEOMETRY_BOUNDS } from '../../src/engine/geometry';

/** One mutated document. */
export interface Mutation {
  /** `<field path> <what was done>`, unique. */
  name: string;
  /** The field path the error must name (the mutated field, or a field below it). */
  at: string;
  doc: unknown;
}

/**
 * Mutations that leave a valid replay file: optional fields deleted, free-text fields changed, a
 * negative seed (seeds are signed or unsigned 32-bit integers), programs and the schedule
 * emptied (a shrunk counterexample often has an empty schedule: the final drain runs it).
 */
export const VALID_MUTATIONS: readonly string[] = [
  'version deleted',
  'scenario.programs[2][3].madvise deleted',
  'seed = -1',
  'adapterName = "bogus-value"',
  'violation.message = "bogus-value"',
  'violation.message = ""',
  'violation.message = a line break',
  'path = ""',
  'scenario.schedule = []',
  'scenario.programs[0] = []',
  'scenario.programs[1] = []',
  'scenario.programs[2] = []',
];

/** Arrays whose length the schema bounds (the drawn geometry, geometry.ts), with the bounds. */
const BOUNDED: Record<string, { min: number; max: number }> = { 'scenario.slots': GEOMETRY_BOUNDS.slots, 'scenario.programs': GEOMETRY_BOUNDS.cpus };

function boundedLength(at: string): { min: number; max: number } | undefined {
  if (/^scenario\.slots\[\d+\]\.ptes$/.test(at)) return GEOMETRY_BOUNDS.ptes;
  return BOUNDED[at];
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

type Key = string | number;

function pathText(keys: readonly Key[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** `doc` with the value at `keys` replaced by `f(old)` (or deleted when f returns undefined). */
function edit(doc: unknown, keys: readonly Key[], f: (old: unknown) => unknown): unknown {
  const copy = clone(doc);
  let parent = copy as Record<Key, unknown>;
  for (const k of keys.slice(0, -1)) parent = parent[k] as Record<Key, unknown>;
  const last = keys[keys.length - 1]!;
  const v = f(parent[last]);
  if (v === undefined) delete parent[last];
  else parent[last] = v;
  return copy;
}

/** Values of the wrong type (or range) for a value like `v`. */
function replacements(v: unknown): [string, unknown][] {
  const common: [string, unknown][] = [['= null (NaN saved by JSON)', null], ['= {}', {}], ['= []', []]];
  if (typeof v === 'boolean') return [...common, ['= 0', 0], ['= "true"', 'true']];
  if (typeof v === 'number') {
    return [...common, ['= "1"', '1'], ['= true', true], ['= 1.5', 1.5], ['= -1', -1], ['= 2^40', 2 ** 40], ['= 1e300', 1e300]];
  }
  if (typeof v === 'string') return [...common, ['= 7', 7], ['= "bogus-value"', 'bogus-value'], ['= ""', ''], ['= a line break', 'a\nb']];
  return common;
}

/** Out-of-range values for integer fields, by field name. */
const RANGE: Record<string, [string, unknown][]> = {
  slot: [['= SLOTS', SLOTS]],
  index: [['= PTES', PTES]],
  a: [['= CPUS + 1', CPUS + 1]],
  n: [['= 0', 0], ['= 1000001', 1_000_001]],
  batchAllocFail: [['= 2^31', 2 ** 31]],
  ptlockAllocFail: [['= 2^31', 2 ** 31]],
  seed: [['= 2^32', 2 ** 32], ['= -2^31 - 1', -(2 ** 31) - 1]],
};

/** Every mutation of `base`, in document order. */
export function replayMutations(base: unknown): Mutation[] {
  const out: Mutation[] = [];
  const add = (keys: readonly Key[], what: string, f: (old: unknown) => unknown): void => {
    const at = pathText(keys);
    out.push({ name: `${at} ${what}`, at, doc: edit(base, keys, f) });
  };
  const walk = (v: unknown, keys: Key[]): void => {
    const last = keys[keys.length - 1];
    if (keys.length > 0 && typeof last === 'string') add(keys, 'deleted', () => undefined);
    for (const [what, r] of replacements(v)) if (keys.length > 0) add(keys, what, () => r);
    if (typeof last === 'string') for (const [what, r] of RANGE[last] ?? []) add(keys, what, () => r);
    if (Array.isArray(v)) {
      const at = pathText(keys);
      const b = boundedLength(at);
      if (b !== undefined) {
        add(keys, 'below its least length', (old) => (old as unknown[]).slice(0, b.min - 1));
        add(keys, 'above its greatest length', (old) => Array.from({ length: b.max + 1 }, (_, i) => clone((old as unknown[])[i] ?? (old as unknown[])[0] ?? [])));
      }
      v.forEach((x, i) => walk(x, [...keys, i]));
    } else if (typeof v === 'object' && v !== null) {
      if (keys.length > 0) add([...keys, 'bogusField'], 'added', () => 1);
      for (const [k, x] of Object.entries(v)) walk(x, [...keys, k]);
    }
  };
  walk(base, []);
  // Semantic mutations the per-field ones cannot express.
  add(['bogusField'], 'added', () => 1);
  add(['contracts'], '= []', () => []);
  add(['contracts', 1], 'duplicated', () => 'C-DT-1');
  add(['violation', 'contract'], 'not among the judged contracts', () => 'C-LT-1');
  add(['scenario', 'programs', 0, 0, 'k'], '= an unknown op kind', () => 'mprotect');
  add(['scenario', 'programs', 2, 9], 'an extra op of an unknown kind', () => ({ k: 'mremap', slot: 0 }));
  add(['scenario', 'slots', 1, 'ptes'], 'shorter than slots[0].ptes', (old) => (old as unknown[]).slice(0, -1));
  add(['scenario', 'schedule'], '1001 chunks', () => Array.from({ length: 1001 }, () => ({ a: 0, n: 1 })));
  add(['scenario', 'programs', 1], '1001 ops', () => Array.from({ length: 1001 }, () => ({ k: 'dontneed', slot: 0 })));
  return out;
}
