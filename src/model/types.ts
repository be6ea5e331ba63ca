/**
 * Plain data types of the reference model: page-table entries, pmd values, locks, rcu heads
 * and pages (with their ptdesc fields). Behaviour lives in the other files of `src/model`.
 */

/** Size of a page in the model's address arithmetic (bytes). */
export const PAGE_SIZE = 4096;
/** First pfn handed out by the allocator: addresses start above 4 GiB so a pmd has a non-zero high half (PAE). */
export const PFN_BASE = 0x100000;

/** A PTE as stored in table memory. `junk` is anything that is not a PTE (metadata written into a table). */
export type Pte =
  | { k: 'none' }
  | { k: 'present'; page: Page; gen: number; write: boolean; dirty: boolean }
  | { k: 'swap' }
  | { k: 'marker'; m: 'poison' | 'wp' }
  | { k: 'junk'; v: number };

/** The none PTE (shared, immutable). */
export const PTE_NONE: Pte = Object.freeze({ k: 'none' }) as Pte;

/** Decoded pmd entry kinds (contracts.md §1.4). */
export type PmdKind = 'none' | 'table' | 'huge' | 'migration' | 'bad';

/** Raw pmd encodings: bit 0 present, bit 1 huge (PSE), bit 2 migration (non-present). */
export const PMD_PRESENT = 1;
export const PMD_HUGE = 2;
export const PMD_MIGRATION = 4;
export const PMD_BAD = 8;
/** 2^32: the split point between `pmd_low` and `pmd_high` (PAE). */
export const HALF = 0x100000000;

/** State of an `rcu_head`: idle, queued by call_rcu, or its callback is running. */
export type RcuHeadState = 'idle' | 'queued' | 'running';

/** An `rcu_head` embedded in a page (ptdesc `pt_rcu_head`) or in an mmu_table_batch. */
export interface RcuHead {
  readonly owner: string;
  state: RcuHeadState;
  /** Set when the head is embedded in a page: the page it overlays (`lru` / `pt_list`). */
  readonly page: Page | null;
}

/** A spinlock object: a split ptlock, the mm's page_table_lock, or an arch lock. */
export interface SpinLock {
  readonly id: number;
  readonly name: string;
  /** Actor id holding it, or null. */
  holder: number | null;
  /** `freed`: the ptlock was freed by the dtor (ALLOC_SPLIT_PTLOCKS) or its page was freed (embedded). */
  state: 'live' | 'freed';
}

/** An `atomic_t`. */
export interface Atomic {
  counter: number;
}

/** A list node (`struct list_head`) used through `page->lru` / `ptdesc->pt_list`. */
export interface ListNode {
  /** The list this node is on (by name), or null when `list_empty`. */
  on: string | null;
}

/** Data-page (folio) state used for rmap, dirty tracking and writeback. */
export interface DataState {
  kind: 'file' | 'shmem' | 'anon';
  /** Index in the file (file/shmem), or -1. */
  index: number;
  mapcount: number;
  dirty: boolean;
  /** Content version: bumped by every write. */
  content: number;
  /** Content version last written back ("disk"). */
  disk: number;
  /** Page cache pages stay allocated; anon pages are freed when unmapped and released. */
  pagecache: boolean;
}

/** What a page is used for at the moment. */
export type PageUse = 'free' | 'table' | 'data' | 'batch' | 'kmem';

/** A physical page with the `struct page` / `struct ptdesc` fields the model needs. */
export interface Page {
  readonly pfn: number;
  /** Incremented at every allocation: a pointer captured at generation g is stale at g+1. */
  gen: number;
  use: PageUse;
  /** PageTable type set by the ctor. */
  pageTable: boolean;
  /** `pagetable_alloc()`'s order, 0 for any other allocation (the model hands out one page either way; C-TD-2). */
  order: number;
  ctorCount: number;
  dtorCount: number;
  /** `ptdesc->ptl`: the split ptlock (allocated or embedded), or null before the ctor / unsplit. */
  ptl: SpinLock | null;
  /** `pt_rcu_head`, overlaying `lru` / `pt_list`. */
  rcu_head: RcuHead;
  /** `lru` / `pt_list`. */
  lru: ListNode;
  /** PG_active. */
  active: boolean;
  /** `_refcount`; s390 keeps AA/PP bits in the upper byte. */
  _refcount: Atomic;
  /** `pt_frag_refcount` (powerpc fragments). */
  pt_frag_refcount: Atomic;
  /** Table memory: `tablesPerPage * ptesPerTable` PTE slots. */
  slots: Pte[];
  /** Level of the table(s) in this page. */
  level: 'pte' | 'pmd' | null;
  /** Data-page state when `use === 'data'`. */
  data: DataState | null;
  /** GP-completed count at the last `pte_free_defer` of a table in this page (model bookkeeping), or null. */
  deferredAtGp: number | null;
  /** Allocation site, for messages. */
  allocSite: string;
}

/** A recorded contract violation. */
export interface Violation {
  contract: string;
  message: string;
  /** Index of the trace entry at which it was detected. */
  step: number;
}

/** One atomic action recorded in the trace. */
export interface TraceEntry {
  actor: string;
  op: string;
  action: string;
  objects: string[];
}

/** A `struct list_head` of pages linked through `page->lru` (s390 `pgtable_list`). */
export interface PageList {
  readonly name: string;
  readonly pages: Page[];
}
