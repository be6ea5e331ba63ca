/** The TypeScript to CommonJS transpilation both adapter loaders (./load.ts, ./evaluate.ts) use. */

/**
 * `code`, the text of the TypeScript (or JavaScript) file `file`, as CommonJS ES2022 without a
 * source map. TypeScript is required only when a file is loaded.
 */
export function transpile(code: string, file: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(code, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: false },
  }).outputText;
}
