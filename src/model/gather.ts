/**
 * `struct mmu_gather` state (contracts.md §1.10). The behaviour (tlb_remove_table,
 * tlb_flush_mmu, ...) is the generic kernel code in `src/mm/mmu_gather.ts`.
 */
import type { Mm } from './mm';
import type { Page, RcuHead } from './types';

/**
 * Most entries per page batch a scenario may draw (small so the batch-full paths are reachable,
 * contracts.md Q16); each scenario draws its own capacity 1..MAX_GATHER_BATCH (`RunConfig.batch`).
 */
export const MAX_GATHER_BATCH = 3;
/** Page batches a gather may chain. */
export const MAX_GATHER_BATCH_COUNT = 2;
/** Most tables per `mmu_table_batch` a scenario may draw (1..MAX_TABLE_BATCH). */
export const MAX_TABLE_BATCH = 3;
/** The capacities of a run when the scenario does not say (the model's values before they were drawn). */
export const DEFAULT_BATCH = { tables: 2, pages: 3 } as const;

/** An encoded page pointer with its delay-rmap flag. */
export interface EncodedPage {
  page: Page;
  delayRmap: boolean;
  /** Model bookkeeping: the pmd slot and pte index it was zapped from (for tlb_flush_rmaps). */
  from: { slot: number; index: number } | null;
}

/** `struct mmu_table_batch`. */
export interface TableBatch {
  readonly id: number;
  rcu: RcuHead;
  tables: unknown[];
}

/** `struct mmu_gather`. */
export interface MmuGather {
  readonly id: number;
  readonly mm: Mm;
  fullmm: boolean;
  freed_tables: boolean;
  /** Flush range in virtual page indices, inclusive start, exclusive end; empty when start >= end. */
  start: number;
  end: number;
  delayed_rmap: boolean;
  /** Page batches; the last one is `tlb->active`. */
  batches: EncodedPage[][];
  /** Table batch (`tlb->batch`), allocated lazily. */
  batch: TableBatch | null;
  /** Model bookkeeping: tables given to the gather that were not yet flushed (for C-LT-11). */
  pendingTables: Page[];
}
