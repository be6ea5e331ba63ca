/**
 * The TypeScript compiler API, required on first use only: loading it costs a few hundred
 * milliseconds, which a run of registered adapters never pays.
 */
import fs from 'fs';
import path from 'path';
import type * as TS from 'typescript';

let api: typeof TS | undefined;
let version: string | undefined;

/** The `typescript` module of this installation. */
export function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  api ??= require('typescript') as typeof TS;
  return api;
}

/** The version of the `typescript` package, read without loading the compiler. */
export function typescriptVersion(): string {
  if (version === undefined) {
    const pkg = path.join(path.dirname(require.resolve('typescript')), '..', 'package.json');
    version = String((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version?: unknown }).version);
  }
  return version;
}
