/**
 * Calling adapter hooks from the mm code. A hook is synchronous kernel-shaped code; when it
 * calls a blocking primitive (a flush that waits for IPIs, `tlb_remove_table_sync_one()`,
 * `synchronize_rcu()`), the primitive is queued as a continuation of the calling actor and
 * runs right after the hook returns, before that actor does anything else.
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';

/** Queue a blocking step to run when the current hook returns. */
export function defer(step: Step): void {
  current().cur.cont.push(step);
}

/** Run the current actor's queued continuations, in order. */
export function* runConts(): Step {
  const a = current().cur;
  while (a.cont.length > 0) {
    const g = a.cont.shift()!;
    yield* g;
  }
}

/** Call a synchronous hook, then run what it left to continue. */
export function* callHook<T>(fn: () => T): Step<T> {
  const r = fn();
  if (current().cur.cont.length > 0) yield* runConts();
  return r;
}
