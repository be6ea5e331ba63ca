/**
 * The worker thread that checks one task (`task.ts`): it loads the adapter in its own isolate,
 * runs `checkAdapter` on the task's range and posts the result. What the adapter does to its
 * world stays there: `process.exit()` ends only this thread, a polluted prototype is found by
 * comparing the intrinsics before and after, an endless loop or an allocation without end is
 * stopped by the pool (watchdog, heap limit). Progress goes through a shared counter that the
 * pool reads without the worker's help.
 */
import { parentPort } from 'worker_threads';
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { PROPERTIES } from '../../properties';
import { loadAdapterFile } from '../adapter/load';
import { setSourceOverrides } from '../adapter/overrides';
import type { Adapter } from '../adapter/types';
import { describeThrown } from '../engine/hookError';
import { checkAdapter } from './checkAdapter';
import { intrinsicsSnapshot, pollutedIntrinsics } from './intrinsics';
import { PHASES, type CheckTask, type TaskMessage } from './task';

/** Load the task's adapter: from the registry (and the broken fixtures) by name, or from its file. */
async function loadTaskAdapter(task: CheckTask): Promise<Adapter> {
  if (task.overrides) setSourceOverrides(task.overrides);
  // The main thread type-checked it before the run: load it as it is.
  if (task.isPath) return await loadAdapterFile(task.ref, { typecheck: false });
  const a = [...ADAPTERS, ...BROKEN.map((b) => b.adapter)].find((x) => x.name === task.ref);
  if (!a) throw new Error(`unknown adapter '${task.ref}'`);
  return a;
}

/** Check one task; the shared counter gets [0] scenarios started, [1] 1 + the index of the running one, [2] the phase (see {@link PHASES}). */
async function run(task: CheckTask, counter: Int32Array): Promise<TaskMessage> {
  const before = intrinsicsSnapshot();
  const adapter = await loadTaskAdapter(task);
  const props = task.properties.length ? PROPERTIES.filter((p) => task.properties.includes(p.id)) : PROPERTIES;
  const pollution = (): TaskMessage | null => {
    const polluted = pollutedIntrinsics(before);
    return polluted.length
      ? { type: 'failed', message: `the adapter modified ${polluted.slice(0, 3).join(', ')}${polluted.length > 3 ? ` and ${polluted.length - 3} more` : ''} (prototype pollution): its results cannot be trusted` }
      : null;
  };
  let checked: ReturnType<typeof checkAdapter>;
  try {
    checked = checkAdapter(adapter, props, {
      runs: task.runs, seed: task.seed, from: task.from, count: task.count, adapterRef: task.adapterRef,
      ...(task.path !== undefined ? { path: task.path } : {}),
      ...(task.contracts.length ? { contracts: task.contracts } : {}),
      ...(task.stopAtFirst ? { stopAtFirst: true } : {}),
      onScenario: (index) => {
        Atomics.store(counter, 1, index + 1);
        Atomics.add(counter, 0, 1);
      },
      onPhase: (phase) => Atomics.store(counter, 2, PHASES.indexOf(phase) + 1),
    });
  } catch (e) {
    // A polluted intrinsic can crash the model itself: the pollution is the finding.
    const polluted = pollution();
    if (polluted) return polluted;
    throw e;
  }
  const { result, failures } = checked;
  return pollution() ?? { type: 'done', result, failures };
}

// The pool sends one task at a time; a worker of registry adapters is reused for the next one.
parentPort!.on('message', ({ task, progress }: { task: CheckTask; progress: SharedArrayBuffer }) => {
  run(task, new Int32Array(progress)).then(
    (m) => parentPort!.postMessage(m),
    (e: unknown) => parentPort!.postMessage({ type: 'failed', message: e instanceof Error && e.constructor.name === 'UsageError' ? e.message : `check failed: ${describeThrown(e)}` } satisfies TaskMessage),
  );
});
