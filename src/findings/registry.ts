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

const F3_EVENT = /^zap_pte_range drops the PTL with the rmap of (\S+) removed while .+ still cache\(s\) a dirty writable translation of it/;

/**
 * F3 (the model's own finding, not reported upstream): the PT_RECLAIM fast path
 * (`try_get_and_clear_pmd()` v6.14, `zap_empty_pte_table()` 2026) clears the pmd and drops the
 * pmd lock *before* `zap_pte_range()`'s "Do the actual TLB flush before dropping ptl"
 * (`tlb_flush_mmu_tlbonly()` + `tlb_flush_rmaps()`). That flush-before-unlock is what keeps an
 * rmap walker (`folio_mkclean()` via `page_vma_mapped_walk()`) from missing a dirty file page
 * that other CPUs can still store to through stale writable TLB entries (B30, "mm: delay
 * page_remove_rmap() until after the TLB has been flushed", v6.2): the walker takes the table's
 * ptl. Once the pmd is none (or a fault has installed a new table), the walker no longer reaches
 * the old ptl, so a dirty page whose TLB entries are still live is not found: the B30 window
 * again. The event: an actor queued a dirty page with a delayed rmap, took the fast path's
 * `pmd_clear`, and had not yet run its `tlb_flush_rmaps()` when the page's stale dirty writable
 * translations were seen with no mapping left for folio_mkclean() to find.
 */
const F3: Finding = {
  id: 'F3',
  title: 'PT_RECLAIM fast path clears the pmd before zap_pte_range()\'s flush-before-unlock: folio_mkclean() can miss a dirty page still writable through stale TLB entries',
  contract: 'C-GA-7',
  status: 'open',
  reference: 'mm/memory.c zap_pte_range() (v6.14: try_get_and_clear_pmd() before "Do the actual TLB flush before dropping ptl"; 2026: zap_empty_pte_table()); docs/CHECKING.md "Findings"',
  config: 'PT_RECLAIM (v6.14+), MADV_DONTNEED of a whole PTE table of a shared file mapping with dirty pages',
  matches(e) {
    if (e.violation.contract !== 'C-GA-7' || !e.adapter.declarations.PT_RECLAIM || !e.scenario.reclaim) return false;
    const m = F3_EVENT.exec(e.violation.message);
    if (!m) return false;
    const page = m[1]!;
    const trace = before(e);
    const queued = /^__tlb_remove_page\((tlb#\d+), (\S+), delay_rmap\)$/;
    for (let i = 0; i < trace.length; i++) {
      const q = queued.exec(trace[i]!.action);
      if (!q || q[2] !== page) continue;
      const actor = trace[i]!.actor;
      const later = trace.slice(i + 1).filter((t) => t.actor === actor);
      const fast = later.findIndex((t) => t.action.startsWith('pt_reclaim fast path: pmd_clear('));
      const rmaps = later.findIndex((t) => t.action.startsWith(`tlb_flush_rmaps(${q[1]})`));
      if (fast >= 0 && rmaps < 0) return true;
    }
    return false;
  },
};

/** Every known generic-mm finding, by id. */
export const FINDINGS: readonly Finding[] = [F1, F2, F3];

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
