/**
 * The TypeScript to CommonJS transpilation both adapter loaders (./hooks.ts, ./evaluate.ts)
 * use: ES2022, through the coroutine transform (./coroutines.ts) that makes adapter code
 * interleavable, with an inline source map registered for {@link adapterFrame}, and a syntax
 * error is an error (transpiling alone would repair `{,` or a missing `)` and run the result).
 * Outputs are cached by content (./cacheDir.ts), so that a process or worker thread loading an
 * unchanged adapter does not load the compiler at all.
 */
import { readCached, writeCached } from './cacheDir';
import { CoroutineTransformError, transpileAdapter } from './coroutines';
import { UsageError } from './errors';
import { summarizeDiagnostics } from './diagnostics';
import { registerSourceMap } from './sourceMap';
import { typescript, typescriptVersion } from './tsApi';

const FORMAT = 2;

/**
 * `code`, the text of the TypeScript (or JavaScript) file `file`, as CommonJS ES2022 with an
 * inline source map, registered for a loader that puts `lineOffset` lines before it. A syntax
 * error is a one-line {@link UsageError} `file:line:col: error TSnnnn: message`.
 */
export function transpile(code: string, file: string, lineOffset = 0): string {
  const key = [FORMAT, typescriptVersion(), file, code];
  const cached = readCached(key, '.js');
  if (cached !== null) {
    registerSourceMap(file, cached, lineOffset);
    return cached;
  }
  const ts = typescript();
  let r: ReturnType<typeof ts.transpileModule>;
  try {
    r = transpileAdapter(ts, code, file);
  } catch (e) {
    if (e instanceof CoroutineTransformError) throw new UsageError(e.message);
    throw e;
  }
  const errors = (r.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new UsageError(summarizeDiagnostics(errors));
  registerSourceMap(file, r.outputText, lineOffset);
  writeCached(key, '.js', r.outputText);
  return r.outputText;
}
