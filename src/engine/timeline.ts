/**
 * Turning a failing run into a counterexample: the executed timeline up to the violating step,
 * its length in segments (maximal runs of one actor's steps, the unit of contracts.md's
 * minimal scenarios) and the actors in column order.
 */
import type { Counterexample, TimelineStep } from '../results/schema';
import type { RunResult } from './runner';

/** Number of segments of a timeline: maximal runs of consecutive steps by one actor. */
export function segments(steps: { actor: string }[]): number {
  let n = 0;
  let last = '';
  for (const s of steps) {
    if (s.actor !== last) n++;
    last = s.actor;
  }
  return n;
}

/** The timeline of a failing run (up to and including the violating step). */
export function timelineOf(r: RunResult): TimelineStep[] {
  const v = r.violation;
  const end = v ? v.step + 1 : r.trace.length;
  return r.trace.slice(0, end).map((t, index) => ({
    index, actor: t.actor, op: t.op, action: t.action, objects: t.objects,
    ...(v && index === v.step ? { violation: true } : {}),
  }));
}

/** Build a counterexample record from a failing run. */
export function counterexampleOf(r: RunResult, seed: number, path: string, replay: string): Counterexample {
  const v = r.violation!;
  const steps = timelineOf(r);
  const actors = r.actors.filter((a) => steps.some((s) => s.actor === a));
  return {
    steps, length: segments(steps), seed, path, replay,
    violation: { contract: v.contract, message: v.message, step: v.step },
    actors,
  };
}
