/**
 * Adapter code as coroutines (the protocol of `src/adapter/coroutines.ts`): a hook returns its
 * value, or a generator (a {@link Step}) that yields at each step boundary, yields `BLOCKED`
 * while it waits, and returns the value. Kernel primitives as adapter code sees them are
 * {@link point}s: each ends the atomic step before it acts, so another CPU can run between any
 * two primitives an arch hook calls, as on real hardware.
 */
import { BLOCKED, type Step } from './actor';
import { current, ModelLimit } from './world';

const GeneratorPrototype = Object.getPrototypeOf(function* () { /* empty */ }).prototype as object;

/** Whether `v` is a generator: a hook or kernel primitive that has steps to take. */
export function isStep(v: unknown): v is Step<unknown> {
  return typeof v === 'object' && v !== null && GeneratorPrototype.isPrototypeOf(v);
}

/**
 * Run what a hook returned to its end at once, as one atomic step (for callers that are not
 * steps themselves: `pmd_same()`, `pgtable_to_va()`, world setup, unit tests). A wait there
 * is beyond the model: a {@link ModelLimit} naming `what`.
 */
export function runToEnd<T>(v: T | Step<T>, what = 'a hook'): T {
  if (!isStep(v)) return v;
  for (;;) {
    const r = v.next();
    if (r.done) return r.value;
    if (r.value === BLOCKED) throw new ModelLimit(`${what} had to wait where the model runs it atomically`);
  }
}

/**
 * Inside a step: run what a hook returned, taking its steps (`yield* callHook(adapter.x(...))`).
 * While they run, the actor counts as inside adapter code ({@link World.inAdapterCode}).
 */
export function* callHook<T>(v: T | Step<T>): Step<T> {
  if (!isStep(v)) return v;
  const a = current().cur;
  a.inHook++;
  try {
    return yield* v;
  } finally {
    a.inHook--;
  }
}

function* pointStep<R>(fn: (...args: unknown[]) => R | Step<R>, args: unknown[]): Step<R> {
  const w = current();
  w.openPoints--;
  yield;
  const r = fn(...args);
  return isStep(r) ? yield* r : r;
}

/**
 * The kernel primitive `fn` as adapter code calls it: a preemption point (the atomic step ends
 * and other CPUs may run), then `fn`, whose own steps (a lock wait, a flush that waits for
 * IPIs) are taken in place. Typed as `fn` without its steps, as kernel code sees it. A point
 * that is made but never run means the calling code was not transformed; the runner reports it
 * ({@link World.openPoints}).
 */
export function point<A extends unknown[], R>(fn: (...args: A) => R | Step<R>, name = fn.name): (...args: A) => R {
  const face = function (...args: A): R {
    const w = current();
    w.openPoints++;
    w.lastPoint = name;
    return pointStep(fn as (...a: unknown[]) => R | Step<R>, args) as unknown as R;
  };
  Object.defineProperty(face, 'name', { value: name });
  return face;
}
