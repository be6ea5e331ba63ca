/**
 * Type-checking adapter files before they load: one TypeScript program for all the files of a
 * run, with `ptconform/kernel` and `ptconform` (and in-tree imports such as '../../src/kernel')
 * resolved to this installation's compiled declarations, so that the program reads a few
 * dozen `.d.ts` files rather than ptconform's sources. TypeScript files get syntax and type
 * errors; JavaScript files syntax errors only (type errors too with `// @ts-check`). Files
 * that checked cleanly and have not changed are skipped (./typecheckCache.ts).
 */
import path from 'path';
import type * as TS from 'typescript';
import { adapterTsconfigOptions } from './compilerOptions';
import { summarizeDiagnostics } from './diagnostics';
import { UsageError } from './errors';
import { compiledTwin } from './layout';
import { knownGood, rememberGood } from './typecheckCache';
import { typescript, typescriptVersion } from './tsApi';

/** The compiler options of {@link adapterTsconfigOptions}, parsed. */
export function compilerOptions(ts: typeof TS): TS.CompilerOptions {
  const { options, errors } = ts.convertCompilerOptionsFromJson(adapterTsconfigOptions(), process.cwd());
  if (errors.length) throw new Error(`adapter compiler options: ${summarizeDiagnostics(errors)}`);
  return options;
}

/** A compiler host that resolves ptconform's own TypeScript sources to their compiled `.d.ts`. */
export function host(ts: typeof TS, options: TS.CompilerOptions): TS.CompilerHost {
  const h = ts.createCompilerHost(options, true);
  const cache = ts.createModuleResolutionCache(process.cwd(), (f) => f, options);
  h.resolveModuleNameLiterals = (literals, containingFile, redirected, opts) => literals.map((lit) => {
    const r = ts.resolveModuleName(lit.text, containingFile, opts, h, cache, redirected);
    const file = r.resolvedModule?.resolvedFileName;
    const twin = file === undefined ? null : compiledTwin(file, '.d.ts');
    if (twin === null) return r;
    return { resolvedModule: { resolvedFileName: twin, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
  });
  return h;
}

/**
 * Type-check the adapter files `files` (absolute paths) in one program; the first error is a
 * one-line {@link UsageError} `file:line:col: error TSnnnn: message (and N more)`.
 */
export function typecheckAdapters(files: readonly string[]): void {
  if (files.length === 0) return;
  // The cache key needs no compiler: a run whose files are all known good never loads it.
  const settings = JSON.stringify([typescriptVersion(), adapterTsconfigOptions()]);
  const pending = [...new Set(files)].filter((f) => !knownGood(f, settings));
  if (pending.length === 0) return;
  const ts = typescript();
  const options = compilerOptions(ts);
  const program = ts.createProgram({ rootNames: pending, options, host: host(ts, options) });
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new UsageError(summarizeDiagnostics(errors));
  const libDir = path.dirname(require.resolve('typescript'));
  const read = program.getSourceFiles().map((sf) => path.resolve(sf.fileName)).filter((f) => !f.startsWith(libDir + path.sep));
  for (const f of pending) rememberGood(f, settings, read);
}
