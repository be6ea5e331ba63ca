/**
 * The public API of ptconform (`require('ptconform')`, package.json `main` →
 * `dist/src/index.js`): run scenarios and properties against adapters without the CLI.
 *
 * Out-of-tree adapters loaded by {@link loadAdapterFile} (Node's require with ptconform's
 * hooks; what `check --adapter FILE` uses) or {@link evaluateAdapterFile} (ptconform's own
 * loader, for module sandboxes such as jest) see this module as `ptconform` and the kernel
 * primitives as `ptconform/kernel`. Tests exported by `ptconform export --as jest` use
 * {@link findAdapter} / {@link evaluateAdapterFile}, {@link runScenario}, {@link PROPERTIES}
 * and {@link counterexampleOf} / {@link renderTimelineText}.
 */
import { ADAPTERS } from '../arch';
import { BROKEN } from '../fixtures';
import { resolveAdapter } from './adapter/load';
import type { Adapter } from './adapter/types';

export { VERSION } from './version';
export { ADAPTERS } from '../arch';
export { BROKEN } from '../fixtures';
export { PROPERTIES } from '../properties';
export { CONTRACTS, contractById, type Contract } from './contracts/catalog';
export { runScenario, buildWorld, type RunResult, type RunOptions } from './engine/runner';
export { scenarioArb, SLOTS, PTES, CPUS, type Scenario, type SlotInit, type Chunk, type PteInit } from './engine/scenario';
export type { Op } from './engine/ops';
export { counterexampleOf, timelineOf, segments } from './engine/timeline';
export { checkAdapter, applicableContracts, type CheckOptions, type Failure } from './check/checkAdapter';
export { mergeAdapterResults, mergeAll, finalizeAdapterResult } from './check/result';
export { judgeExpectation, type ExpectationJudgement } from './check/expectation';
export { instrumentAdapter, type HookCounts, type Instrumented } from './check/instrument';
export type { Coverage } from './check/coverage';
export type { Property, PropertyMonitor } from './check/property';
export { loadAdapterFile, requireAdapterFile, resolveAdapter, resolveAdapters, isPathRef, UsageError } from './adapter/load';
export { evaluateAdapterFile } from './adapter/evaluate';
export { adapterProblems } from './adapter/validate';
export { ERAS, eraAtLeast, hookNames, type HookName } from './adapter/types';
export { adapterFrame, adapterThrew, formatAdapterFrame } from './adapter/frame';
export type {
  Adapter, AdapterHooks, Declarations, Era, FlushTransport, KnownBad, MmVariant, PgtableT, PmdRef,
} from './adapter/types';
export { readReplayFile, writeReplayFile, type ReplayFile } from './results/replayFile';
export type {
  ResultsJson, AdapterResult, ContractResult, Counterexample, TimelineStep, ViolationInfo, AdapterVerdict, ContractVerdict,
} from './results/schema';
export { renderTimelineText } from './report/timeline';
export type { Violation } from './model/types';

/**
 * Find an adapter the way the CLI's `--adapter` does: a registry name (`ptconform list`), the
 * name of a broken fixture, or a path to a `.ts`/`.js` adapter module (relative to the current
 * directory). Throws {@link UsageError} when there is none.
 */
export function findAdapter(ref: string): Adapter {
  return resolveAdapter(ref, [...ADAPTERS, ...BROKEN.map((b) => b.adapter)]);
}
