/**
 * The address space (contracts.md §1.1, §1.14): one mm with a single PMD table of a few pmd
 * slots, one VMA per slot, each slot covering `ptesPerTable` pages. All file-backed slots map
 * the same file range, so khugepaged's `retract_page_tables()` visits each of them.
 */
import type { PageList, SpinLock } from './types';

/** A VMA (one per pmd slot). */
export interface Vma {
  readonly slot: number;
  kind: 'file' | 'shmem' | 'anon';
  /** VM_SHARED. */
  shared: boolean;
  /** userfaultfd registration. */
  uffd: 'none' | 'missing' | 'wp';
  /** `vma->anon_vma` exists. */
  anonVma: boolean;
  /** In the mm tree and the i_mmap tree. */
  attached: boolean;
  /** free_pgtables has run for it. */
  pgtablesFreed: boolean;
  /**
   * `unlink_file_vma()` has removed it from the file's `i_mmap` tree (in `free_pgtables()`);
   * absent: still linked (a file VMA is in `i_mmap` from `mmap_region()` until then, also after
   * munmap detached it from the mm's tree). See `vmaInIMmap()` in src/mm/vma_lock.ts.
   */
  iMmapUnlinked?: boolean;
}

/** The mmap_lock rwsem. */
export interface RwSem {
  readers: Set<number>;
  writer: number | null;
}

/** Arch-private mm context (s390 `mm->context`, powerpc `mm->context.pte_frag`). */
export interface MmContext {
  /** s390 `mm->context.lock`. */
  lock: SpinLock;
  /** s390 `mm->context.pgtable_list`: pages with a free 2K half. */
  pgtable_list: PageList;
  /** s390 `mm_has_pgste()`. */
  has_pgste: boolean;
  /** s390 `mm->context.flush_mm`: set by `pte_free_tlb()`, cleared and acted on by `__tlb_flush_mm_lazy()`. */
  flush_mm: boolean;
  /** powerpc `mm->context.pte_frag`: address of the next unused fragment, or 0. */
  pte_frag: number;
}

/** The id of the scenario's process mm, the one every CPU runs (fork's child mm gets another). */
export const PROCESS_MM_ID = 1;

/** `struct mm_struct`. */
export interface Mm {
  readonly id: number;
  /** mm_users. */
  users: number;
  state: 'live' | 'exiting' | 'freed';
  mmap_lock: RwSem;
  page_table_lock: SpinLock;
  /** The split ptlock of the PMD table (`pmd_lock` when split PMD ptlocks). */
  pmdTableLock: SpinLock;
  /**
   * `mm->tlb_flush_pending`: gathers of this mm between `tlb_gather_mmu()` and the end of
   * `tlb_finish_mmu()` (`inc_tlb_flush_pending()` / `dec_tlb_flush_pending()`).
   */
  tlb_flush_pending: number;
  /** Raw pmd values, one per slot. */
  pmds: number[];
  vmas: Vma[];
  rss: { file: number; anon: number };
  nr_ptes: number;
  context: MmContext;
  /** page_table_check counters: present mappings per data page pfn. */
  ptcMapped: Map<number, number>;
  /**
   * The PMD table holding `pmds` as the adapter's `pmd_alloc_one()` returned it (the `pmd_t *`
   * the pud points to), or absent: no PMD table is modelled (src/mm/pgd_range.ts).
   */
  pmdTable?: unknown;
}

/** Number of pmd slots and PTEs per table of a run. */
export interface Geometry {
  slots: number;
  ptesPerTable: number;
}

/** Virtual page number of (slot, index). */
export function vpnOf(g: Geometry, slot: number, index: number): number {
  return slot * g.ptesPerTable + index;
}
