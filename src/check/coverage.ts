/**
 * Coverage of a check: which hooks the adapter's code ran, how many tables it handed out, and
 * which configurations and op kinds the scenarios drew. A pass means something only if the
 * adapter's code was exercised: an adapter whose required hooks never ran, or that never
 * returned a table, is judged "vacuous" (an error, never a pass).
 *
 * Coverage is plain JSON and adds up: two run ranges of one adapter (two jobs, two CI shards)
 * merge by summing, and the verdict is taken on the sum.
 */
import type { Adapter } from '../adapter/types';
import type { Scenario } from '../engine/scenario';
import { opKinds } from '../engine/scenario';
import { retractWithDefer } from '../mm/era';
import type { HookCounts } from './instrument';

/** Below this many scenarios, coverage is reported but not judged (a tiny budget proves nothing either way). */
export const MIN_SCENARIOS_FOR_COVERAGE = 200;

/** What a check exercised (schema 1, `AdapterResult.coverage`). */
export interface Coverage {
  /** Distinct scenarios run. */
  scenarios: number;
  /** Calls per hook. */
  hooks: Record<string, number>;
  /** Non-null tables returned by pte_alloc_one. */
  tablesReturned: number;
  /** Scenarios that drew each configuration or op kind (`split-ptl`, `unsplit-ptl`, `op:khugepaged`, ...). */
  features: Record<string, number>;
  /** Hooks that must run for a pass to mean anything, given the declarations. */
  requiredHooks: string[];
  /** Configurations the declarations make applicable (each should be reached). */
  applicableFeatures: string[];
}

/** An empty coverage record for `adapter`. */
export function emptyCoverage(adapter: Adapter): Coverage {
  return {
    scenarios: 0, hooks: {}, tablesReturned: 0, features: {},
    requiredHooks: requiredHooks(adapter), applicableFeatures: applicableFeatures(adapter),
  };
}

/**
 * The hooks a check must reach for `adapter`'s declarations: allocation, the mmu_gather free and,
 * with THP, the deferred free. (`__tlb_remove_table` is not required: an arch may route its
 * tables around the table batch in some configurations, as riscv does with IPI flushes.)
 */
export function requiredHooks(adapter: Adapter): string[] {
  const d = adapter.declarations;
  const out = ['pte_alloc_one', '__pte_free_tlb'];
  if (d.THP && adapter.pte_free_defer && retractWithDefer(adapter.era)) out.push('pte_free_defer');
  return out;
}

/** The configurations and op kinds the declarations make applicable. */
export function applicableFeatures(adapter: Adapter): string[] {
  const d = adapter.declarations;
  const out: string[] = [];
  if (d.SPLIT_PTE_PTLOCKS !== false) out.push('split-ptl');
  if (d.SPLIT_PTE_PTLOCKS !== true) out.push('unsplit-ptl');
  if (d.SPLIT_PTE_PTLOCKS !== false && d.ALLOC_SPLIT_PTLOCKS !== false) out.push('alloc-ptl');
  if (d.MMU_GATHER_TABLE_FREE && !d.batchAllocCannotFail) out.push('batch-alloc-fail');
  if (d.PT_RECLAIM) out.push('reclaim');
  for (const k of opKinds(adapter)) out.push(`op:${k}`);
  return out;
}

/** The features one scenario draws. */
export function scenarioFeatures(sc: Scenario): string[] {
  const out = [sc.splitPtl ? 'split-ptl' : 'unsplit-ptl'];
  if (sc.splitPtl && sc.allocSplitPtl) out.push('alloc-ptl');
  if (sc.batchAllocFail) out.push('batch-alloc-fail');
  if (sc.reclaim) out.push('reclaim');
  const kinds = new Set(sc.programs.flat().map((o) => o.k));
  for (const k of kinds) out.push(`op:${k}`);
  return out;
}

/** Count one scenario's features into `c`. */
export function addScenario(c: Coverage, sc: Scenario): void {
  c.scenarios++;
  for (const f of scenarioFeatures(sc)) c.features[f] = (c.features[f] ?? 0) + 1;
}

/** Copy the hook counters of an instrumented adapter into `c`. */
export function addHookCounts(c: Coverage, h: HookCounts): void {
  for (const [k, n] of Object.entries(h.calls)) c.hooks[k] = (c.hooks[k] ?? 0) + n;
  c.tablesReturned += h.tablesReturned;
}

function addRecord(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return sortedRecord(out);
}

/** A record with its keys in sorted order (so JSON output does not depend on merge order). */
export function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The sum of two coverage records of the same adapter. */
export function mergeCoverage(a: Coverage, b: Coverage): Coverage {
  return {
    scenarios: a.scenarios + b.scenarios,
    hooks: addRecord(a.hooks, b.hooks),
    tablesReturned: a.tablesReturned + b.tablesReturned,
    features: addRecord(a.features, b.features),
    requiredHooks: a.requiredHooks,
    applicableFeatures: a.applicableFeatures,
  };
}

/** Why the check was vacuous, or null when it exercised the adapter (or ran too few scenarios to judge). */
export function vacuity(c: Coverage): string | null {
  if (c.scenarios < MIN_SCENARIOS_FOR_COVERAGE) return null;
  if (c.tablesReturned === 0) return `vacuous: pte_alloc_one() never returned a table in ${c.scenarios} scenarios, so no freeing code ran`;
  const never = c.requiredHooks.filter((h) => !c.hooks[h]);
  if (never.length) return `vacuous: required hook(s) ${never.map((h) => `${h}()`).join(', ')} never ran in ${c.scenarios} scenarios`;
  return null;
}

/** Applicable configurations that no scenario reached. */
export function unreachedFeatures(c: Coverage): string[] {
  return c.applicableFeatures.filter((f) => !c.features[f]);
}

/** One line: scenarios, hook calls, tables, unreached configurations. */
export function coverageLine(c: Coverage): string {
  const hooks = Object.entries(c.hooks).map(([k, n]) => `${k} ${n}`).join(', ');
  const un = unreachedFeatures(c);
  return `${c.scenarios} scenarios; hooks: ${hooks || 'none'}; ${c.tablesReturned} tables${un.length ? `; not reached: ${un.join(', ')}` : ''}`;
}

/** `c` with its records' keys sorted (the form stored in results, independent of discovery order). */
export function coverageOf(c: Coverage): Coverage {
  return { ...c, hooks: sortedRecord(c.hooks), features: sortedRecord(c.features) };
}
