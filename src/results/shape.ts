/**
 * A small hand-rolled validator for JSON documents read from disk: each validator checks one
 * value and throws a {@link ShapeError} naming the field path (`scenario.schedule[2].n`), what
 * was expected and what was found, so a bad input becomes one precise line.
 */

/** A value at `at` is not what the schema says. */
export class ShapeError extends Error {
  constructor(
    /** The field path, e.g. `scenario.schedule[2].n` (empty for the document itself). */
    readonly at: string,
    /** What is wrong there, e.g. `expected a positive integer, got -1`. */
    readonly problem: string,
  ) {
    super(`${at === '' ? 'the document' : at}: ${problem}`);
  }
}

/** Checks `v` found at `at` and returns it typed, or throws a {@link ShapeError}. */
export type Validator<T> = (v: unknown, at: string) => T;

/** A short description of a JSON value for an error message (`-1`, `"x"`, `null`, `an object`, `nothing`). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Throws the {@link ShapeError} for `v` at `at`. */
export function fail(at: string, expected: string, v: unknown): never {
  throw new ShapeError(at, `expected ${expected}, got ${describeValue(v)}`);
}

/** `base.key` or `base[i]`. */
export function join(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;
}

/** A boolean. */
export const bool: Validator<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'a boolean', v));

/** A string, optionally matching `re` (described as `what`). */
export function str(re?: RegExp, what = 'a string'): Validator<string> {
  return (v, at) => (typeof v === 'string' && (re === undefined || re.test(v)) ? v : fail(at, what, v));
}

/** An integer in `min..max`, described as `what` (default `an integer min..max`). */
export function int(min: number, max: number, what = `an integer ${min}..${max}`): Validator<number> {
  return (v, at) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(at, what, v));
}

/** One of the strings `values`. */
export function oneOf<T extends string>(values: readonly T[]): Validator<T> {
  const what = `one of ${values.map((x) => `"${x}"`).join(', ')}`;
  return (v, at) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(at, what, v));
}

/** An array of items checked by `item`, with `min..max` elements (`exactly N` when equal). */
export function arrayOf<T>(item: Validator<T>, min = 0, max = Number.MAX_SAFE_INTEGER, what = 'an array'): Validator<T[]> {
  const size = min === max ? ` of exactly ${min}` : max === Number.MAX_SAFE_INTEGER ? (min > 0 ? ` of at least ${min}` : '') : ` of ${min}..${max}`;
  return (v, at) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return fail(at, `${what}${size}`, v);
    return v.map((x, i) => item(x, join(at, i)));
  };
}

/** The fields of an object schema: required ones, and optional ones (absent is fine). */
export interface Fields {
  required: Record<string, Validator<unknown>>;
  optional?: Record<string, Validator<unknown>>;
}

/** A plain object with exactly the `fields` given (unknown fields are refused), checked in order. */
export function object<T>(fields: Fields, what = 'an object'): Validator<T> {
  const optional = fields.optional ?? {};
  const allowed = [...Object.keys(fields.required), ...Object.keys(optional)];
  return (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(at, what, v);
    const o = v as Record<string, unknown>;
    for (const [k, check] of Object.entries(fields.required)) check(o[k], join(at, k));
    for (const [k, check] of Object.entries(optional)) if (o[k] !== undefined) check(o[k], join(at, k));
    const extra = Object.keys(o).find((k) => !allowed.includes(k));
    if (extra !== undefined) throw new ShapeError(join(at, extra), `unknown field (known: ${allowed.join(', ')})`);
    return o as T;
  };
}

/** A tagged union: the object's `tag` field picks the schema among `cases`. */
export function tagged<T>(tag: string, cases: Record<string, Fields>, what = 'an object'): Validator<T> {
  const checks = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, object<T>({ ...f, required: { [tag]: str(), ...f.required } }, what)]));
  const kinds = oneOf(Object.keys(cases));
  return (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(at, what, v);
    const k = kinds((v as Record<string, unknown>)[tag], join(at, tag));
    return checks[k]!(v, at);
  };
}
