/**
 * Finding an adapter by registry name or loading one from a file: TypeScript (`.ts`, transpiled
 * on the fly, no build step), CommonJS (`.js`, `.cjs`) or an ES module (`.mjs`, or a `.js`
 * that Node treats as one). `ptconform/kernel` (and `ptconform`) resolve to this installation
 * (./hooks.ts). A file given by path is type-checked first (./typecheck.ts): a syntax or type
 * error is a one-line {@link UsageError}, never a verdict on code that does not compile.
 */
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';
import { UsageError } from './errors';
import { installCjsHooks, installEsmHooks, markEntry } from './hooks';
import { typecheckAdapters } from './typecheck';
import type { Adapter } from './types';
import { adapterProblems } from './validate';

export { UsageError } from './errors';

/** Options of {@link loadAdapterFile}. */
export interface LoadOptions {
  /** Type-check the file first (default true). */
  typecheck?: boolean;
}

/** The absolute path of the adapter file `file`; a missing file is a {@link UsageError}. */
function existing(file: string): string {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UsageError(`adapter file not found: ${file}`);
  return abs;
}

/** `e`, thrown while loading `file`, as a one-line {@link UsageError} (one already is one). */
function loadError(file: string, e: unknown): UsageError {
  if (e instanceof UsageError) return e;
  return new UsageError(`cannot load adapter ${file}: ${String((e as Error | undefined)?.message ?? e).split('\n')[0]}`);
}

/**
 * The adapter the module `mod`, loaded from `file`, exports (its default export, `adapter`, or
 * the module itself), validated with {@link adapterProblems}.
 */
function adapterOf(file: string, mod: unknown): Adapter {
  const m = mod as { default?: unknown; adapter?: unknown };
  const a = m.default ?? m.adapter ?? mod;
  const problems = adapterProblems(a);
  if (problems.length) throw new UsageError(`${file} is not a valid adapter: ${problems.join('; ')}`);
  return a as Adapter;
}

/**
 * The adapter that the module `file` exports, once `load` has loaded it from its absolute
 * path, validated with {@link adapterProblems}. A missing file, a load error or an invalid
 * adapter is a one-line {@link UsageError}.
 */
export function adapterFromFile(file: string, load: (abs: string) => unknown): Adapter {
  const abs = existing(file);
  let mod: unknown;
  try {
    mod = load(abs);
  } catch (e) {
    throw loadError(file, e);
  }
  return adapterOf(file, mod);
}

/** Whether `file` must be loaded with import() rather than require(). */
function isEsmFile(file: string): boolean {
  return /\.mjs$/.test(file);
}

/** require() the CommonJS or TypeScript module `abs` itself (never a compiled twin). */
function requireEntry(abs: string): unknown {
  installCjsHooks();
  markEntry(abs);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(abs) as unknown;
}

/** A real dynamic import() (TypeScript would compile `import()` to require() for CommonJS). */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

/** import() the ES module `abs`. */
async function importEntry(abs: string): Promise<unknown> {
  installCjsHooks();
  installEsmHooks();
  return importModule(pathToFileURL(abs).href);
}

/**
 * Load the adapter a CommonJS or TypeScript module exports (default export, `adapter`, or the
 * module itself), synchronously, after type-checking it (unless `o.typecheck` is false). An
 * ES module is a {@link UsageError}: use {@link loadAdapterFile}.
 */
export function requireAdapterFile(file: string, o: LoadOptions = {}): Adapter {
  const abs = existing(file);
  if (isEsmFile(abs)) throw new UsageError(`${file} is an ES module: load it with loadAdapterFile()`);
  if (o.typecheck !== false) typecheckAdapters([abs]);
  return adapterFromFile(file, requireEntry);
}

/**
 * Load the adapter a module exports (default export, `adapter`, or the module itself): `.ts`,
 * `.js`, `.cjs` or `.mjs`, after type-checking it (unless `o.typecheck` is false). Any problem
 * is a one-line {@link UsageError}.
 */
export async function loadAdapterFile(file: string, o: LoadOptions = {}): Promise<Adapter> {
  const abs = existing(file);
  if (o.typecheck !== false) typecheckAdapters([abs]);
  let mod: unknown;
  try {
    mod = isEsmFile(abs) ? await importEntry(abs) : requireEntry(abs);
  } catch (e) {
    // A .js file that Node treats as an ES module (package.json "type": "module").
    if ((e as { code?: unknown } | undefined)?.code !== 'ERR_REQUIRE_ESM') throw loadError(file, e);
    try {
      mod = await importEntry(abs);
    } catch (e2) {
      throw loadError(file, e2);
    }
  }
  return adapterOf(file, mod);
}

/** Whether `ref` looks like a path rather than a registry name. */
export function isPathRef(ref: string): boolean {
  return ref.includes('/') || ref.includes(path.sep) || /\.(ts|js|cjs|mjs)$/.test(ref);
}

/** The registered adapter named `ref`, or null when `ref` is a path; otherwise a {@link UsageError}. */
function registered(ref: string, registry: readonly Adapter[]): Adapter | null {
  const byName = registry.find((a) => a.name === ref);
  if (byName) return byName;
  if (isPathRef(ref)) return null;
  const near = registry.filter((a) => a.name.includes(ref) || ref.includes(a.arch)).map((a) => a.name).slice(0, 5);
  throw new UsageError(`unknown adapter '${ref}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; see 'ptconform list'`);
}

/**
 * Resolve `ref` (a registry name, or a path to a CommonJS or TypeScript module) against
 * `registry`, synchronously; see {@link resolveAdapters} for ES modules.
 */
export function resolveAdapter(ref: string, registry: readonly Adapter[]): Adapter {
  return registered(ref, registry) ?? requireAdapterFile(ref);
}

/**
 * Resolve each of `refs` (registry names or paths to adapter modules of any kind) against
 * `registry`, type-checking all the files in one program first.
 */
export async function resolveAdapters(refs: readonly string[], registry: readonly Adapter[]): Promise<Adapter[]> {
  const found = refs.map((ref) => registered(ref, registry));
  typecheckAdapters(refs.filter((_, i) => found[i] === null).map(existing));
  const out: Adapter[] = [];
  for (const [i, ref] of refs.entries()) out.push(found[i] ?? (await loadAdapterFile(ref, { typecheck: false })));
  return out;
}
