/**
 * The module hooks `loadAdapterFile` needs, installed once per thread (each worker thread has
 * its own module system, so a worker installs its own on first load):
 *
 * - CommonJS: `.ts` files are transpiled (./transpile.ts); `ptconform/kernel` and `ptconform`
 *   resolve to this installation; and, when running compiled, a TypeScript source of ptconform
 *   imported by an adapter (e.g. '../../src/kernel') resolves to its compiled twin, so that the
 *   adapter shares the one copy of the model the runner uses. An adapter file itself ({@link
 *   markEntry}) is never swapped for its twin: `--adapter fixtures/x.ts` runs that very file.
 *   Source overrides (./overrides.ts) give a file in-memory text and keep it from its twin.
 * - ESM (`.mjs` adapters): a resolve hook maps `ptconform/kernel` and `ptconform` to the same
 *   compiled modules (Node shares CommonJS module instances with ESM importers).
 * - Adapter code, whatever its module kind, goes through the coroutine transform
 *   (./coroutines.ts): `.ts` through ./transpile.ts, `.js`/`.cjs`/`.mjs` likewise, except
 *   dependencies and this package's `dist`, whose adapters the build already transformed.
 */
import fs from 'fs';
import Module from 'module';
import { pathToFileURL } from 'url';
import path from 'path';
import { compiledTwin, inside, layout, packageEntries } from './layout';
import { loadsFromSource, sourceOverride } from './overrides';
import { transpile } from './transpile';

let cjsInstalled = false;
let esmInstalled = false;
const entries = new Set<string>();

/** Load `file` as itself, not as its compiled twin, when required. */
export function markEntry(file: string): void {
  entries.add(file);
}

/**
 * The source of the ESM hooks: `resolve` maps the package specifiers to file URLs; `load`
 * passes an adapter's own ES modules (outside this package and `node_modules`) through the
 * coroutine transform (./coroutines.ts), loaded from `transform`, the compiled module.
 */
function esmHookSource(urls: Record<string, string>, dist: string, transform: string, typescriptUrl: string): string {
  return `const MAP = ${JSON.stringify(urls)};
const DIST = ${JSON.stringify(dist)};
export async function resolve(specifier, context, next) {
  const url = Object.hasOwn(MAP, specifier) ? MAP[specifier] : undefined;
  return url === undefined ? next(specifier, context) : { url, shortCircuit: true };
}
export async function load(url, context, next) {
  const r = await next(url, context);
  if (r.format !== 'module' || !url.startsWith('file:') || url.startsWith(DIST) || url.includes('/node_modules/')) return r;
  const ts = (await import(${JSON.stringify(typescriptUrl)})).default;
  const { transformEsm } = (await import(${JSON.stringify(transform)})).default;
  return { format: 'module', source: transformEsm(ts, String(r.source), new URL(url).pathname), shortCircuit: true };
}
`;
}

/**
 * Whether the JavaScript file `file` is adapter code the loader must transform: anything but a
 * dependency and this package's compiled `dist` (whose adapters the build already transformed).
 */
function needsTransform(file: string): boolean {
  const dist = layout().distRoot;
  return !file.split(path.sep).includes('node_modules') && !(dist !== null && inside(file, dist));
}

/** Install the CommonJS hooks of the module comment in this thread (once). */
export function installCjsHooks(): void {
  if (cjsInstalled) return;
  cjsInstalled = true;
  const pkg = packageEntries();
  const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
  const orig = M._resolveFilename;
  M._resolveFilename = function (req: string, ...rest: unknown[]): string {
    if (req === 'ptconform/kernel' || req === 'ptconform') return pkg[req].runtime;
    const resolved = orig.call(this, req, ...rest);
    if (entries.has(resolved) || loadsFromSource(resolved)) return resolved;
    return compiledTwin(resolved) ?? resolved;
  };
  const exts = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
  type Loader = (mod: { _compile(code: string, file: string): void }, filename: string) => void;
  if (!exts['.ts']) {
    exts['.ts'] = ((mod, filename) => {
      mod._compile(transpile(sourceOverride(filename) ?? fs.readFileSync(filename, 'utf8'), filename), filename);
    }) as Loader;
  }
  // A CommonJS adapter (and the files it requires) goes through the coroutine transform too.
  for (const ext of ['.js', '.cjs']) {
    const plain = exts[ext] as Loader;
    exts[ext] = ((mod, filename) => {
      if (!needsTransform(filename)) return plain(mod, filename);
      mod._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
    }) as Loader;
  }
}

/**
 * Install the ESM resolve hook of the module comment in this thread (once; it starts Node's
 * module-hooks thread, so only an ESM adapter pays for it).
 */
export function installEsmHooks(): void {
  if (esmInstalled) return;
  esmInstalled = true;
  const pkg = packageEntries();
  const register = (Module as unknown as { register?: (specifier: string) => void }).register;
  if (register) {
    const urls = { 'ptconform/kernel': pathToFileURL(pkg['ptconform/kernel'].runtime).href, ptconform: pathToFileURL(pkg.ptconform.runtime).href };
    const l = layout();
    const own = pathToFileURL(path.join(l.pkgRoot, 'dist')).href + '/';
    const transform = pathToFileURL(require.resolve('./coroutines')).href;
    const ts = pathToFileURL(require.resolve('typescript')).href;
    register(`data:text/javascript,${encodeURIComponent(esmHookSource(urls, own, transform, ts))}`);
  }
}
