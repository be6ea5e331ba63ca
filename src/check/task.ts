/**
 * A unit of checking work and its outcome, as they cross a worker-thread boundary (plain data):
 * one adapter, one range of scenario indices of the budget. `check` cuts its work into tasks
 * (one per adapter, or several per adapter when there are more jobs than adapters, or a CI
 * shard's part of each), runs them on worker threads (`pool.ts`) and merges the outcomes of one
 * adapter's tasks (`result.ts`).
 */
import type { SourceOverrides } from '../adapter/overrides';
import type { AdapterResult } from '../results/schema';
import type { CheckPhase, Failure } from './checkAdapter';

/** What a worker runs. */
export interface CheckTask {
  /** Position in the run (results are printed in task order). */
  id: number;
  /** Registry name, or an absolute path to the adapter module. */
  ref: string;
  /** Whether `ref` is a path. */
  isPath: boolean;
  /** How replay commands name the adapter. */
  adapterRef: string;
  seed: number;
  /** The whole budget (`--runs`). */
  runs: number;
  /** This task's scenario indices: [from, from + count). */
  from: number;
  count: number;
  /** A fast-check replay path (re-run one case). */
  path?: string;
  /** Property ids to run (`--property`), all when empty. */
  properties: string[];
  /** Contract ids to judge (`--contract`), all when empty. */
  contracts: string[];
  /** End at the first failing scenario, unshrunk (mutation testing). */
  stopAtFirst?: boolean;
  /** Source overrides the worker loads a path adapter with (a mutant: src/mutate/). */
  overrides?: SourceOverrides;
}

/** The phases a worker reports in its shared counter ([2] = 1 + the index here; 0: loading the adapter). */
export const PHASES: readonly CheckPhase[] = ['calibrating', 'searching', 'shrinking'];

/** What a worker sends back. */
export type TaskMessage =
  | { type: 'done'; result: AdapterResult; failures: Failure[] }
  | { type: 'failed'; message: string };

/** The scenario indices of shard `index` (1-based) of `count`, over a budget of `runs`. */
export function shardRange(runs: number, index: number, count: number): { from: number; count: number } {
  const from = Math.floor((runs * (index - 1)) / count);
  const to = Math.floor((runs * index) / count);
  return { from, count: to - from };
}

/** Split [from, from + count) into `parts` contiguous ranges (the empty ones left out). */
export function splitRange(from: number, count: number, parts: number): { from: number; count: number }[] {
  const out: { from: number; count: number }[] = [];
  for (let k = 1; k <= parts; k++) {
    const r = shardRange(count, k, parts);
    if (r.count > 0) out.push({ from: from + r.from, count: r.count });
  }
  return out;
}
