/**
 * Loading an adapter file without Node's module hooks: the file is transpiled and evaluated by
 * a small CommonJS loader of ptconform's own, whose `require` resolves `ptconform/kernel` and
 * `ptconform` to the very modules this copy of ptconform runs with. So it works where
 * {@link loadAdapterFile} cannot, inside a module sandbox such as jest's (whose registry ignores
 * `Module._extensions` and `Module._resolveFilename`, and would hand a `.ts` adapter to a
 * transform that may not understand TypeScript), and the adapter always shares the model with
 * the runner that checks it. Tests exported by `ptconform export --as jest` use it.
 *
 * Resolution inside the adapter: `ptconform/kernel` and `ptconform` as above; relative and
 * absolute paths to `.ts`/`.js` files outside this package are evaluated the same way (so an
 * adapter may be split over several files); files of this package (`src/kernel`, `arch/...`,
 * as in-tree fixtures import them) are required through this module's own `require`, mapped to
 * their compiled twins when running compiled; `.json` files are parsed; anything else (bare
 * package names) goes to the host's `require` from the adapter's directory.
 */
import fs from 'fs';
import Module from 'module';
import path from 'path';
import { compiledTwin, isOwnFile, layout } from './layout';
import { adapterFromFile } from './load';
import { transpile } from './transpile';
import type { Adapter } from './types';

let headerLines: number | undefined;

/** Lines `new Function` puts before the body (its `function anonymous(...) {` header), measured once. */
function functionHeaderLines(): number {
  if (headerLines === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const stack = String((new Function('a', 'b', 'return new Error().stack;\n//# sourceURL=ptconform-probe') as () => unknown)());
    headerLines = Number(/ptconform-probe:(\d+):/.exec(stack)?.[1] ?? 1) - 1;
  }
  return headerLines;
}

const EXTS = ['.ts', '.cts', '.js', '.cjs', '.json'];

/** The file `p` names, trying the extensions and `index.*` as Node does (null when none exists). */
function resolveFile(p: string): string | null {
  const isFile = (f: string): boolean => fs.existsSync(f) && fs.statSync(f).isFile();
  if (isFile(p)) return p;
  for (const e of EXTS) if (isFile(p + e)) return p + e;
  for (const e of EXTS) if (isFile(path.join(p, `index${e}`))) return path.join(p, `index${e}`);
  return null;
}

interface Mod {
  exports: unknown;
}

/** Evaluate one module file with {@link makeRequire}; `cache` breaks cycles and shares instances. */
function evaluateModule(file: string, cache: Map<string, Mod>): unknown {
  const hit = cache.get(file);
  if (hit) return hit.exports;
  const text = fs.readFileSync(file, 'utf8');
  const mod: Mod = { exports: {} };
  cache.set(file, mod);
  if (file.endsWith('.json')) {
    mod.exports = JSON.parse(text) as unknown;
    return mod.exports;
  }
  const code = transpile(text, file, functionHeaderLines());
  // The wrapper Node uses for CommonJS; `//# sourceURL` names the file in stack traces.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('exports', 'require', 'module', '__filename', '__dirname', `${code}\n//# sourceURL=${file}`) as (
    exports: unknown, require: (id: string) => unknown, module: Mod, filename: string, dirname: string,
  ) => void;
  fn(mod.exports, makeRequire(file, cache), mod, file, path.dirname(file));
  return mod.exports;
}

/** The `require` seen by an evaluated module at `from`. */
function makeRequire(from: string, cache: Map<string, Mod>): (id: string) => unknown {
  const { srcDir } = layout();
  let host: NodeJS.Require | null = null;
  return (id: string): unknown => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (id === 'ptconform/kernel') return require(path.join(srcDir, 'kernel'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (id === 'ptconform') return require(srcDir);
    if (id.startsWith('./') || id.startsWith('../') || id === '.' || id === '..' || path.isAbsolute(id)) {
      const target = resolveFile(path.resolve(path.dirname(from), id));
      if (target === null) throw new Error(`Cannot find module '${id}' from '${from}'`);
      if (isOwnFile(target)) {
        // A file of ptconform itself: the instance the runner uses, compiled when we are.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(compiledTwin(target) ?? target);
      }
      return evaluateModule(target, cache);
    }
    host ??= Module.createRequire(from);
    return host(id);
  };
}

/**
 * Load the adapter a `.ts`/`.js` module exports (default export, `adapter`, or the module
 * itself) with ptconform's own loader (see the module comment); validated like
 * {@link loadAdapterFile}. Any problem is a one-line {@link UsageError}.
 */
export function evaluateAdapterFile(file: string): Adapter {
  return adapterFromFile(file, (abs) => evaluateModule(abs, new Map()));
}
