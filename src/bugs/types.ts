/**
 * The historical bug corpus (contracts.md §4, issue 4): one known-bad adapter (or an adapter
 * plus a declared configuration) per catalogued bug within the model's reach, with the
 * catalog's metadata, and the bugs judged out of reach with the reason.
 */
import type { Adapter } from '../adapter/types';

/** One catalogued bug the model reproduces. */
export interface BugEntry {
  /** Catalog id, `B1` .. `B39`. */
  id: string;
  /** The catalog's title, shortened. */
  title: string;
  /** Severity tag of the catalog: merged bug, review catch, near-bug, design hazard. */
  kind: 'bug' | 'review' | 'near' | 'design' | 'historic';
  /** The known-bad adapter: an arch adapter of its era, or one with a historical generic-mm variant. */
  adapter: Adapter;
  /** Where the adapter is defined (repository-relative), so that a replay can name it. */
  file: string;
  /** Architecture and kernel era the bug lived in (as the catalog's "Where" says). */
  arch: string;
  era: string;
  /** The declared configuration beyond the adapter's defaults (e.g. `PT_RECLAIM on`), or ''. */
  config: string;
  /**
   * Contracts the shrunk counterexample may be reported under: the catalog's "Violates" and the
   * contract of its "Flag", plus (explained in `note`) the contract under which the model flags
   * the same event when it sees it first.
   */
  expected: string[];
  /** Number of numbered steps of the catalog's minimal Repro (1 for a one-line Repro). */
  minimal: number;
  /** Seed lines and/or the fix it comes from. */
  src: string;
  /** How the bug is modelled, and why an expected contract beyond the catalog's is there. */
  note: string;
}

/** A catalogued entry the corpus does not run, and why. */
export interface OutOfReach {
  id: string;
  title: string;
  reason: string;
  /**
   * For an entry the model can reproduce but the generator cannot find in a reasonable budget:
   * the adapter of its hand-built counterexample (fixtures/counterexamples), replayed by the tests.
   */
  adapter?: Adapter;
}
