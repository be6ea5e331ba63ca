/**
 * The TypeScript compiler API, required on first use only: loading it costs a few hundred
 * milliseconds, which a run of registered adapters never pays.
 */
import type * as TS from 'typescript';

let api: typeof TS | undefined;

/** The `typescript` module of this installation. */
export function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  api ??= require('typescript') as typeof TS;
  return api;
}
