/**
 * Instrumenting an adapter for a check: every hook call is counted (so a pass can be shown to
 * have exercised the adapter's code, see `coverage.ts`), and an exception thrown by adapter code
 * becomes a {@link HookError} naming the hook, so the check reports it as that adapter's error
 * with the hook's name and the shrunk scenario that reaches it, instead of aborting the run.
 *
 * Hooks may be written in any language the loader can run (TypeScript today, C compiled to
 * WebAssembly later): the wrapper only sees a callable, and counts and names what it calls.
 */
import { hookNames, type Adapter } from '../adapter/types';
import { HookError } from '../engine/hookError';
import type { Step } from '../model/actor';
import { isStep } from '../model/coroutine';
import { ModelLimit } from '../model/world';

/** `e`, thrown by adapter code in `hook`, as the error the check reports. */
function asHookError(hook: string, e: unknown): unknown {
  // The model's own signals and an inner hook's error pass through unchanged.
  return e instanceof ModelLimit || e instanceof HookError ? e : new HookError(hook, e);
}

/** The steps of a coroutine hook, with what it throws named and a returned table counted. */
function* guarded(hook: string, g: Step<unknown>, counts: HookCounts): Step<unknown> {
  let r: unknown;
  try {
    r = yield* g;
  } catch (e) {
    throw asHookError(hook, e);
  }
  if (hook === 'pte_alloc_one' && r !== null && r !== undefined) counts.tablesReturned++;
  return r;
}


/** Hook call counters of one instrumented adapter, and how many tables pte_alloc_one returned. */
export interface HookCounts {
  /** Calls per hook name (hooks never called are absent). */
  calls: Record<string, number>;
  /** Non-null results of pte_alloc_one. */
  tablesReturned: number;
}

/** An adapter whose hooks count their calls into `counts` and name themselves when they throw. */
export interface Instrumented {
  adapter: Adapter;
  counts: HookCounts;
}

/** Wrap every hook `adapter` provides (the original object is not modified). */
export function instrumentAdapter(adapter: Adapter): Instrumented {
  const counts: HookCounts = { calls: {}, tablesReturned: 0 };
  const wrapped: Record<string, unknown> = { ...adapter };
  for (const hook of hookNames) {
    const fn = adapter[hook] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') continue;
    wrapped[hook] = function (this: unknown, ...args: unknown[]): unknown {
      counts.calls[hook] = (counts.calls[hook] ?? 0) + 1;
      let r: unknown;
      try {
        r = fn.apply(this, args);
      } catch (e) {
        throw asHookError(hook, e);
      }
      if (isStep(r)) return guarded(hook, r, counts);
      if (hook === 'pte_alloc_one' && r !== null && r !== undefined) counts.tablesReturned++;
      return r;
    };
  }
  return { adapter: wrapped as unknown as Adapter, counts };
}
