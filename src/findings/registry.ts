/**
 * Known findings of the *generic* mm code: races the model finds in mm/ (not in an arch's
 * hooks) that a correct adapter trips because of its configuration alone. A check reports a
 * counterexample that matches one of these as that finding (`finding F1`), separately from the
 * adapter's own verdict, which is taken on the other scenarios (docs/CHECKING.md "Findings").
 *
 * Matching is precise on purpose: a finding names its contract, the configuration it needs and
 * the exact event that identifies it in the counterexample's trace (who cleared what, which
 * flush skipped whom), so that a real adapter bug on the same contract, which produces another
 * event, is still the adapter's failure (test/findings.test.ts). A contract an adapter is
 * documented known-bad for is never matched: its failure is that adapter's, as documented.
 */
import type { Adapter } from '../adapter/types';
import { eraAtLeast } from '../adapter/types';
import type { Scenario } from '../engine/scenario';
import type { TraceEntry, Violation } from '../model/types';

/** Where a finding stands upstream. */
export type FindingStatus = 'open' | 'reported' | 'fixed';

/** What a matcher sees of a failing run: the adapter, the scenario, the violation and the trace up to it. */
export interface FindingEvidence {
  adapter: Adapter;
  scenario: Scenario;
  violation: Violation;
  trace: readonly TraceEntry[];
}

/** One known generic-mm finding. */
export interface Finding {
  /** `F1`, `F2`, ...: stable, never reused. */
  id: string;
  /** One line. */
  title: string;
  /** The contract its counterexamples violate. */
  contract: string;
  status: FindingStatus;
  /** Where it is described: the regression fixture, the catalog entry, the open question. */
  reference: string;
  /** The configuration it needs, as one line (printed with it). */
  config: string;
  /** Whether the failing run is this finding: its configuration and its identifying event. */
  matches(e: FindingEvidence): boolean;
}

/** The trace entries before the violating step. */
function before(e: FindingEvidence): readonly TraceEntry[] {
  return e.trace.slice(0, e.violation.step);
}

const F1_EVENT = /^pmdp_collapse_flush\(pmd(\d+)\) by (\S+) found no table \(the pmd is none\)/;

/**
 * F1: collapse_pte_mapped_thp() vs PT_RECLAIM with unsplit ptlocks. The event: the collapse's
 * pmdp_collapse_flush() finds the pmd none because another CPU's MADV_DONTNEED reclaimed the
 * table (`pt_reclaim: pmd_clear` of the same pmd by another actor) in step 2's lockless window,
 * and ptl == pml so step 4 did not recheck pmd_same() (v6.13+ rechecks only when ptl != pml).
 */
const F1: Finding = {
  id: 'F1',
  title: 'collapse_pte_mapped_thp() vs PT_RECLAIM with unsplit ptlocks: no pmd_same() recheck when ptl == pml',
  contract: 'C-RM-1',
  status: 'open',
  reference: 'fixtures/findings/collapse-unsplit-ptl-reclaim.ts (test/findings.test.ts); mm/khugepaged.c collapse_pte_mapped_thp step 4, v6.13+',
  config: 'PT_RECLAIM, unsplit PTE ptlocks (NR_CPUS < SPLIT_PTLOCK_CPUS), v6.13+',
  matches(e) {
    const m = F1_EVENT.exec(e.violation.message);
    if (!m || e.violation.contract !== 'C-RM-1') return false;
    if (!eraAtLeast(e.adapter.era, 'v6.13') || e.scenario.splitPtl) return false;
    const [, slot, collapser] = m;
    const clear = `pt_reclaim: pmd_clear(pmd${slot})`;
    return before(e).some((t) => t.actor !== collapser && t.action.startsWith(clear));
  },
};

const F2_EVENT = /^(\S+) dropped the pmd lock after clearing pmd(\d+) with pmdp_collapse_flush\(\) while (.+?) (?:is|are) still inside an IRQs-off pmd_low\/pmd_high read of the old value: the ipi flush does not interrupt it and pmdp_get_lockless_sync\(\) is the empty tlb_remove_table_sync_one\(\) stub without MMU_GATHER_RCU_TABLE_FREE/;

/**
 * F2 (B36, contracts.md Q11): on GUP_GET_PXX_LOW_HIGH configs without MMU_GATHER_RCU_TABLE_FREE
 * `pmdp_get_lockless_sync()` is the empty stub, so the only thing that waits for an IRQs-off
 * two-half pmd reader is `pmdp_collapse_flush()`'s own IPI, which goes to mm_cpumask (minus
 * lazy CPUs without freed_tables): a reader outside it (a remote walker, an rmap walk run for
 * another mm, a lazy khugepaged) is not waited for. The event: the writer's flush of that pmd
 * is an IPI that skipped every late reader because it was outside the mask or lazy.
 */
const F2: Finding = {
  id: 'F2',
  title: 'pmdp_get_lockless_sync() is a no-op without MMU_GATHER_RCU_TABLE_FREE: a two-half pmd reader outside mm_cpumask is not waited for',
  contract: 'C-PAE-1',
  status: 'open',
  reference: 'contracts.md B36 and Q11; fixtures/bugs/b36-pae-sync-stub.ts; include/linux/pgtable.h pmdp_get_lockless_sync (v6.6)',
  config: 'GUP_GET_PXX_LOW_HIGH without MMU_GATHER_RCU_TABLE_FREE, IPI flush (x86-32 PAE native)',
  matches(e) {
    const d = e.adapter.declarations;
    if (e.violation.contract !== 'C-PAE-1' || !d.GUP_GET_PXX_LOW_HIGH || d.MMU_GATHER_RCU_TABLE_FREE || d.mm?.noLowHighSync) return false;
    const m = F2_EVENT.exec(e.violation.message);
    if (!m) return false;
    const [, writer, slot, late] = m;
    const readers = late!.split(', ');
    const trace = before(e);
    const clearAt = trace.map((t) => t.actor === writer && t.action.startsWith(`pmdp_collapse_flush(pmd${slot}): clear`)).lastIndexOf(true);
    if (clearAt < 0) return false;
    // The IPI flush that pmdp_collapse_flush() sent right after the clear, and whom it skipped.
    const flush = trace.slice(clearAt).find((t) => t.actor === writer && / skips .*: IPI$/.test(t.action));
    if (!flush) return false;
    return readers.every((r) => flush.action.includes(`${r} (not in mm_cpumask)`) || flush.action.includes(`${r} (lazy)`));
  },
};

/** Every known generic-mm finding, by id. */
export const FINDINGS: readonly Finding[] = [F1, F2];

/** The finding with `id`. */
export function findingById(id: string): Finding | undefined {
  return FINDINGS.find((f) => f.id === id);
}

/**
 * The known finding a failing run of `adapter` shows, if any: never for a contract the adapter
 * is documented known-bad for (that failure is the adapter's, as documented).
 */
export function findingOf(e: FindingEvidence): Finding | undefined {
  if (e.adapter.knownBad?.contracts.includes(e.violation.contract)) return undefined;
  return FINDINGS.find((f) => f.contract === e.violation.contract && f.matches(e));
}
