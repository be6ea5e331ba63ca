/**
 * RCU (contracts.md §1.7): readers with nesting, grace periods that wait for the readers
 * present when they start, and callbacks with `rcu_head` states. Whether an IRQs-off section
 * is a reader is the declared semantics `irqOffIsRcuReader` (Q1).
 *
 * The engine is an actor (`rcu`): each step it runs one ready callback, completes the grace
 * period in progress once its holdouts have left their read sections, or starts a new grace
 * period when a callback or a `synchronize_rcu()` caller needs one.
 */
import { BLOCKED, type Actor, type Step } from './actor';
import { callHook } from './coroutine';
import type { RcuHead } from './types';
import type { World } from './world';

/** A queued callback. */
export interface RcuCallback {
  readonly head: RcuHead;
  /** The callback: plain, or a coroutine (adapter code, a table batch) whose steps the engine takes. */
  readonly fn: (head: RcuHead) => unknown;
  readonly name: string;
  /** Number of completed grace periods after which it may run. */
  readonly need: number;
}

/** The RCU state of one run. */
export class Rcu {
  gpStarted = 0;
  gpCompleted = 0;
  inProgress = false;
  /** Actors that were readers when the grace period in progress started and have not left since. */
  readonly holdouts = new Set<number>();
  callbacks: RcuCallback[] = [];
  /** The callback whose steps are running, if any. */
  running: RcuCallback | null = null;
  /** Targets (`gpCompleted` values) that `synchronize_rcu()` callers wait for. */
  readonly syncTargets: number[] = [];

  constructor(private readonly w: World) {}

  /** Whether `a` is inside a read-side critical section. */
  isReader(a: Actor): boolean {
    return a.rcuDepth > 0 || (this.w.decl.irqOffIsRcuReader && a.irqsOff > 0);
  }

  /** Called whenever `a` may have left its read section. */
  readerMayHaveExited(a: Actor): void {
    if (!this.isReader(a)) this.holdouts.delete(a.id);
  }

  /** The `gpCompleted` value a request made now must wait for: the next grace period to start. */
  nextTarget(): number {
    return this.gpStarted + 1;
  }

  /** Queue a callback (the caller has already checked the head's state). */
  enqueue(head: RcuHead, fn: (head: RcuHead) => unknown, name: string): void {
    head.state = 'queued';
    this.callbacks.push({ head, fn, name, need: this.nextTarget() });
  }

  private readyIndex(): number {
    const cbs = this.callbacks;
    for (let i = 0; i < cbs.length; i++) if (cbs[i]!.need <= this.gpCompleted && cbs[i]!.head.state === 'queued') return i;
    return -1;
  }

  private needsGp(): boolean {
    // A request for target n is served by grace period n; one already started will serve it.
    for (const c of this.callbacks) if (c.need > this.gpStarted) return true;
    for (const n of this.syncTargets) if (n > this.gpStarted) return true;
    return false;
  }

  /** Whether the engine can take a step now. */
  canStep(): boolean {
    if (this.running !== null || this.readyIndex() >= 0) return true;
    if (this.inProgress) return this.holdouts.size === 0;
    return this.needsGp();
  }

  /** Whether anything is still pending (callbacks or a grace period). */
  idle(): boolean {
    return this.callbacks.length === 0 && !this.inProgress && this.syncTargets.length === 0 && this.running === null;
  }

  /** The engine's program: runs forever; the runner stops calling it when the run ends. */
  *engine(): Step {
    for (;;) {
      const i = this.readyIndex();
      if (i >= 0) {
        const cb = this.callbacks[i]!;
        this.callbacks.splice(i, 1);
        yield* this.runCallback(cb);
        yield;
      } else if (this.inProgress && this.holdouts.size === 0) {
        this.inProgress = false;
        this.gpCompleted++;
        for (let k = this.syncTargets.length - 1; k >= 0; k--) {
          if (this.syncTargets[k]! <= this.gpCompleted) this.syncTargets.splice(k, 1);
        }
        const gp = this.gpCompleted;
        this.w.record(() => `grace period ${gp} ends`);
        yield;
      } else if (!this.inProgress && this.needsGp()) {
        this.inProgress = true;
        this.gpStarted++;
        this.holdouts.clear();
        for (const a of this.w.tasks) if (this.isReader(a)) this.holdouts.add(a.id);
        const gp = this.gpStarted;
        const names = [...this.holdouts].map((id) => this.w.actors[id]!.name);
        this.w.record(() => `grace period ${gp} starts${names.length ? ` (waits for ${names.join(', ')})` : ''}`);
        yield;
      } else {
        yield BLOCKED;
      }
    }
  }

  /** Run one callback in softirq context; a coroutine callback interleaves with the CPUs. */
  private *runCallback(cb: RcuCallback): Step {
    const a = this.w.rcuActor;
    a.op = 'softirq';
    a.inCallback++;
    cb.head.state = 'running';
    this.w.record(() => `rcu callback ${cb.name}(${cb.head.owner})`, cb.head.owner);
    this.running = cb;
    try {
      yield* callHook(cb.fn(cb.head));
    } finally {
      this.running = null;
      if (cb.head.state === 'running') cb.head.state = 'idle';
      a.inCallback--;
    }
  }
}
