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
 */
import fs from 'fs';
import Module from 'module';
import { pathToFileURL } from 'url';
import { compiledTwin, packageEntries } from './layout';
import { loadsFromSource, sourceOverride } from './overrides';
import { transpile } from './transpile';

let cjsInstalled = false;
let esmInstalled = false;
const entries = new Set<string>();

/** Load `file` as itself, not as its compiled twin, when required. */
export function markEntry(file: string): void {
  entries.add(file);
}

/** The source of the ESM resolve hook, mapping the package specifiers to file URLs. */
function esmHookSource(urls: Record<string, string>): string {
  return `const MAP = ${JSON.stringify(urls)};
export async function resolve(specifier, context, next) {
  const url = Object.hasOwn(MAP, specifier) ? MAP[specifier] : undefined;
  return url === undefined ? next(specifier, context) : { url, shortCircuit: true };
}
`;
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
  if (!exts['.ts']) {
    exts['.ts'] = (mod: { _compile(code: string, file: string): void }, filename: string): void => {
      mod._compile(transpile(sourceOverride(filename) ?? fs.readFileSync(filename, 'utf8'), filename), filename);
    };
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
    register(`data:text/javascript,${encodeURIComponent(esmHookSource(urls))}`);
  }
}
