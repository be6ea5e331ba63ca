/**
 * Running check tasks on worker threads, `jobs` at a time, each in a fresh worker: an adapter
 * cannot reach the run or the other adapters. A worker that finishes no scenario for
 * `stallSeconds` (an endless loop in a hook), runs past `timeoutSeconds`, exceeds its heap
 * (`memoryMb`), exits (`process.exit()` in a hook) or crashes ends its task with a `failed`
 * outcome naming what happened and the index of the scenario it was in; the other tasks go on.
 */
import fs from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import type { CheckTask, TaskMessage } from './task';

/** Limits and callbacks of a pool run. */
export interface PoolOptions {
  jobs: number;
  /** Seconds a task may go without finishing a scenario. */
  stallSeconds: number;
  /** Seconds a task may run in all. */
  timeoutSeconds: number;
  /** Heap limit of one worker (MiB). */
  memoryMb: number;
  /** Tasks for which this says true when their turn comes are dropped, without an outcome. */
  skip?: (task: CheckTask) => boolean;
  /** Called now and then with the scenarios finished over every task so far. */
  onProgress?: (scenarios: number) => void;
}

/** The outcome of one task. */
export interface TaskOutcome {
  task: CheckTask;
  message: TaskMessage;
  /** Index of the scenario the task was in when the pool stopped it (watchdog, exit, crash), from the shared counter. */
  lastIndex?: number;
  ms: number;
}

/** The compiled worker script (from dist when running from sources, as under jest). */
export function workerScript(): string {
  const here = path.join(__dirname, 'worker.js');
  if (fs.existsSync(here)) return here;
  const root = path.join(__dirname, '..', '..');
  return path.join(root, 'dist', 'src', 'check', 'worker.js');
}

const POLL_MS = 200;

/** Where a check stopped by the pool was, by the phase in its shared counter (in the search: the scenario index). */
const PHASE_WHERE: readonly string[] = [
  'while loading the adapter',
  "while the generator calibrated itself on the adapter (each op run alone, before the first scenario)",
  'in the search',
  'while shrinking a counterexample',
];

/** A running pool: `done` settles when every task has an outcome; `cancel` stops every worker. */
export interface PoolRun {
  done: Promise<void>;
  cancel(): void;
}

/** A worker and the task it runs (if any). */
interface Slot {
  worker: Worker;
  counter: Int32Array;
  sab: SharedArrayBuffer;
  /** Whether it may take another task (only after a registry adapter's task that ended well). */
  reusable: boolean;
}

/** Run `tasks`; `onOutcome` is called as each one ends (in completion order). */
export function runPool(tasks: readonly CheckTask[], o: PoolOptions, onOutcome: (r: TaskOutcome) => void): PoolRun {
  const script = workerScript();
  const queue = [...tasks];
  const live = new Set<Slot>();
  const busy = new Set<Int32Array>();
  let cancelled = false;
  let finishedScenarios = 0;
  let running = 0;
  let resolveAll!: () => void;
  const done = new Promise<void>((r) => {
    resolveAll = r;
  });

  const newSlot = (): Slot => {
    const sab = new SharedArrayBuffer(12);
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: o.memoryMb }, stdout: true, stderr: true });
    // What adapter code prints is not ptconform's output: drop it (a hook's console.log must not corrupt --json -).
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, counter: new Int32Array(sab), sab, reusable: true };
    live.add(slot);
    return slot;
  };

  const retire = (slot: Slot): void => {
    live.delete(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
  };

  const startOn = (reuse: Slot | null): void => {
    if (cancelled) return;
    let task = queue.shift();
    while (task && o.skip?.(task)) task = queue.shift();
    if (!task) {
      if (reuse) retire(reuse);
      if (running === 0) resolveAll();
      return;
    }
    // An adapter loaded from a file gets a worker of its own, used once.
    if (reuse && task.isPath) {
      retire(reuse);
      reuse = null;
    }
    const slot = reuse ?? newSlot();
    running++;
    Atomics.store(slot.counter, 0, 0);
    Atomics.store(slot.counter, 1, 0);
    Atomics.store(slot.counter, 2, 0);
    busy.add(slot.counter);
    const t0 = Date.now();
    let lastCount = 0;
    let lastChange = t0;
    let settled = false;
    const finish = (message: TaskMessage, stoppedMidScenario = true): void => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      slot.worker.removeAllListeners('message');
      slot.worker.removeAllListeners('error');
      slot.worker.removeAllListeners('exit');
      busy.delete(slot.counter);
      const n = Atomics.load(slot.counter, 0);
      finishedScenarios += n;
      running--;
      const started = Atomics.load(slot.counter, 1);
      const phase = Atomics.load(slot.counter, 2);
      // Where a check the pool stopped was: in a scenario of the search (saved with --save), or in another phase.
      const failedAt = message.type === 'failed' && stoppedMidScenario && phase === 2 && started > 0 ? { lastIndex: started - 1 } : {};
      if (message.type === 'failed' && stoppedMidScenario) {
        const where = failedAt.lastIndex !== undefined ? `in scenario index ${failedAt.lastIndex}` : PHASE_WHERE[phase] ?? 'in the check';
        message = { type: 'failed', message: `${message.message} (${where})` };
      }
      const keep = message.type === 'done' && !task.isPath;
      if (!cancelled) onOutcome({ task, message, ms: Date.now() - t0, ...failedAt });
      if (!keep) retire(slot);
      startOn(keep ? slot : null);
    };
    const watch = setInterval(() => {
      const n = Atomics.load(slot.counter, 0);
      const now = Date.now();
      if (n !== lastCount) {
        lastCount = n;
        lastChange = now;
      }
      let total = finishedScenarios;
      for (const c of busy) total += Atomics.load(c, 0);
      o.onProgress?.(total);
      if (now - lastChange > o.stallSeconds * 1000) {
        finish({ type: 'failed', message: `timed out: no scenario finished for ${o.stallSeconds} s (an endless loop or a sleep in a hook?)` });
      } else if (now - t0 > o.timeoutSeconds * 1000) {
        finish({ type: 'failed', message: `timed out: the check ran past --timeout ${o.timeoutSeconds} s` });
      }
    }, POLL_MS);
    slot.worker.on('message', (m: TaskMessage) => finish(m, false));
    slot.worker.on('error', (e: Error & { code?: string }) => {
      const what = e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `out of memory: the check's heap went past ${o.memoryMb} MiB`
        : `the worker crashed: ${(e.message ?? String(e)).split('\n')[0]}`;
      finish({ type: 'failed', message: what });
    });
    slot.worker.on('exit', (code) => finish({ type: 'failed', message: `the adapter ended the check: its worker exited with code ${code} before finishing (process.exit() in adapter code?)` }));
    slot.worker.postMessage({ task, progress: slot.sab });
  };

  for (let k = 0; k < Math.max(1, o.jobs); k++) startOn(null);
  return {
    done,
    cancel: () => {
      cancelled = true;
      for (const s of [...live]) retire(s);
      resolveAll();
    },
  };
}
