/**
 * An exception thrown by adapter code, caught at the hook boundary (`src/check/instrument.ts`)
 * and carried to the runner, which ends the run there and reports it with the trace so far.
 * Lives in the engine so that the runner does not depend on the check driver.
 */

/** A one-line description of any thrown value (an Error, a string, an object, undefined). */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${(e.message || '').split('\n')[0]}`;
  if (typeof e === 'string') return `the string ${JSON.stringify(e.length > 200 ? `${e.slice(0, 200)}...` : e)}`;
  let s: string;
  try {
    s = JSON.stringify(e) ?? String(e);
  } catch {
    s = Object.prototype.toString.call(e);
  }
  return `a non-Error value ${s.length > 200 ? `${s.slice(0, 200)}...` : s}`;
}

/** An exception thrown by adapter code, with the hook it was thrown in. */
export class HookError extends Error {
  constructor(readonly hook: string, readonly thrown: unknown) {
    super(`${hook}() threw ${describeThrown(thrown)}`);
  }
}
