/**
 * Finding an adapter by registry name or loading one from a file (.ts or .js) kept outside
 * this repository. TypeScript files are transpiled on the fly; `ptconform/kernel` (and
 * `ptconform`) resolve to this installation, so an out-of-tree adapter needs no build step.
 */
import fs from 'fs';
import Module from 'module';
import path from 'path';
import { transpile } from './transpile';
import type { Adapter } from './types';
import { adapterProblems } from './validate';

/** A usage or adapter error: one line to stderr, exit 2. */
export class UsageError extends Error {}

let hooked = false;

/** Install the .ts loader and the `ptconform/*` resolution (once). */
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  const kernelDir = path.join(__dirname, '..', 'kernel');
  const srcDir = path.join(__dirname, '..');
  // When running compiled (dist/src/adapter), a .ts file of this repository imported by an
  // adapter (e.g. '../../src/kernel') must resolve to its compiled twin, or the adapter would
  // get a second copy of the model.
  const distRoot = path.join(__dirname, '..', '..');
  const fromDist = path.basename(distRoot) === 'dist';
  const pkgRoot = fromDist ? path.dirname(distRoot) : distRoot;
  const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
  const orig = M._resolveFilename;
  M._resolveFilename = function (req: string, ...rest: unknown[]): string {
    if (req === 'ptconform/kernel') return orig.call(this, kernelDir, ...rest);
    if (req === 'ptconform') return orig.call(this, srcDir, ...rest);
    const resolved = orig.call(this, req, ...rest);
    if (fromDist && resolved.endsWith('.ts') && resolved.startsWith(pkgRoot + path.sep) && !resolved.startsWith(distRoot + path.sep)) {
      const twin = path.join(distRoot, path.relative(pkgRoot, resolved)).replace(/\.ts$/, '.js');
      if (fs.existsSync(twin)) return twin;
    }
    return resolved;
  };
  const exts = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
  if (!exts['.ts']) {
    exts['.ts'] = (mod: { _compile(code: string, file: string): void }, filename: string): void => {
      mod._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
    };
  }
}

/**
 * The adapter that the module `file` exports (its default export, `adapter`, or the module
 * itself), once `load` has loaded it from its absolute path, validated with
 * {@link adapterProblems}. A missing file, a load error or an invalid adapter is a one-line
 * {@link UsageError}.
 */
export function adapterFromFile(file: string, load: (abs: string) => unknown): Adapter {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UsageError(`adapter file not found: ${file}`);
  let mod: unknown;
  try {
    mod = load(abs);
  } catch (e) {
    throw new UsageError(`cannot load adapter ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const m = mod as { default?: unknown; adapter?: unknown };
  const a = m.default ?? m.adapter ?? mod;
  const problems = adapterProblems(a);
  if (problems.length) throw new UsageError(`${file} is not a valid adapter: ${problems.join('; ')}`);
  return a as Adapter;
}

/** Load the adapter a module exports (default export, `adapter`, or the module itself). */
export function loadAdapterFile(file: string): Adapter {
  return adapterFromFile(file, (abs) => {
    installHooks();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(abs) as unknown;
  });
}

/** Whether `ref` looks like a path rather than a registry name. */
export function isPathRef(ref: string): boolean {
  return ref.includes('/') || ref.includes(path.sep) || /\.(ts|js|cjs)$/.test(ref);
}

/** Resolve `ref` (a registry name or a path) against `registry`. */
export function resolveAdapter(ref: string, registry: readonly Adapter[]): Adapter {
  const byName = registry.find((a) => a.name === ref);
  if (byName) return byName;
  if (isPathRef(ref)) return loadAdapterFile(ref);
  const near = registry.filter((a) => a.name.includes(ref) || ref.includes(a.arch)).map((a) => a.name).slice(0, 5);
  throw new UsageError(`unknown adapter '${ref}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; see 'ptconform list'`);
}
