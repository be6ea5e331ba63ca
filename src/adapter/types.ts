/**
 * The adapter contract: what an architecture adapter declares and which hooks it provides.
 * `docs/ADAPTERS.md` is the prose version of this file; keep them in step.
 *
 * An adapter mirrors one architecture's page-table freeing code of one kernel era. It is
 * plain TypeScript written in the shape of the kernel code, calling kernel primitives from
 * `src/kernel` (`alloc_page`, `pagetable_dtor`, `call_rcu`, `tlb_remove_table`, ...). The
 * generic mm code of the model (`src/mm`) calls its hooks.
 */
import type { Mm } from '../model/mm';
import type { MmuGather } from '../model/gather';
import type { Page } from '../model/types';

/**
 * Kernel eras the model knows (see shared/domain/kernel-eras.md). `v6.5` has Hugh Dickins'
 * "mm: allow pte_offset_map[_lock]() to fail" (may fail, no RCU yet); `v6.6` adds his "mm: free
 * retracted page table by RCU" (rcu_read_lock in pte_offset_map, pte_free_defer, lockless
 * retract_page_tables) and UFFDIO_POISON. src/mm/era.ts says which era each decision dates from.
 */
export type Era = '2012' | 'v6.5' | 'v6.6' | 'v6.13' | 'v6.14' | 'v6.15' | '2026';

/** All eras in order. */
export const ERAS: readonly Era[] = ['2012', 'v6.5', 'v6.6', 'v6.13', 'v6.14', 'v6.15', '2026'];

/** True when `era` is `at` or later. */
export function eraAtLeast(era: Era, at: Era): boolean {
  return ERAS.indexOf(era) >= ERAS.indexOf(at);
}

/** How TLB flushes reach other CPUs: IPI (the sender waits for each CPU to take the interrupt) or not. */
export type FlushTransport = 'ipi' | 'broadcast' | 'hypercall' | 'sbi';

/**
 * `pgtable_t` as the arch defines it: a `struct page *` (`Page`) on most arches, a `pte_t *`
 * (the table's kernel virtual address, a number) on powerpc, s390 and sparc64.
 */
export type PgtableT = Page | number;

/**
 * Historical versions of generic mm code, for bugs that lived in mm/ rather than arch/ (each
 * flag names the code before its fix). A fixture declares one to reproduce that era's mm.
 */
export interface MmVariant {
  /** B30: zap_pte_range removes the rmap before the TLB flush (before "mm: delay page_remove_rmap() until after the TLB has been flushed", v6.2). */
  zapEarlyRmap?: boolean;
  /**
   * The opposite: S4's delayed rmap backported to an era before v6.2 (2012), so that a fixture
   * of that era shows only the bug it is about (B14), not B30 as well.
   */
  zapDelayedRmap?: boolean;
  /** B21: retract_page_tables without the anon_vma/uffd-wp recheck under the ptl (v1 of "free retracted page table by RCU"). */
  retractNoRecheck?: boolean;
  /** B20: collapse_pte_mapped_thp without taking pml early for private uffd-armed VMAs (v3 10/13 before the fix). */
  collapseNoEarlyPml?: boolean;
  /** B23: the withdrawn v2 of the uffd fix: spin_trylock(pml), and on failure a recheck pass that resets nr_ptes, so an abort skips flush_tlb_mm (S2:75-90, S2:187-215). */
  collapseTrylockV2?: boolean;
  /** B24: collapse step 2 clears with pte_clear() instead of ptep_clear(): page_table_check never hears of it (S2:516-598). */
  collapsePteClear?: boolean;
  /** B31: collapse step 2 removes the rmap but leaves the PTE in place (the design v2 avoided, S2:1323-1330, S2:584-586). */
  collapseNoClear?: boolean;
  /** B32: collapse_pte_mapped_thp without the "first check the VMA" revalidation (S2:1320, S2:1084-1088). */
  collapseNoVmaCheck?: boolean;
  /** B25: madvise_collapse sets mmap_locked = true after collapse_pte_mapped_thp, so the next extent uses a stale vma (S2:748-790). */
  madviseCollapseStaleVma?: boolean;
  /** B13: the batch-allocation fallback stays the "semi-RCU" IPI sync + immediate free even with PT_RECLAIM (S2:2659-2684). */
  semiRcuFallback?: boolean;
  /** B39: the batch-allocation fallback frees without tlb_table_invalidate() first (before v5.8's "mm/mmu_gather: invalidate TLB correctly on batch allocation failure and flush"). */
  fallbackNoInvalidate?: boolean;
  /** B19 (contracts.md §5.6 mutation `noLowHighSync`): retract/collapse skip pmdp_get_lockless_sync() after pmdp_collapse_flush() (it arrived with "mm/pgtable: add PAE safety to __pte_offset_map()", v3 02/13). */
  noLowHighSync?: boolean;
  /** PT_RECLAIM fast path taken although zap_pte_range dropped the ptl midway (the retry case the kernel rechecks with the slow path). */
  ptReclaimFastAfterRetry?: boolean;
  /**
   * hugetlb `huge_pmd_unshare()` of an earlier era (src/mm/hugetlb.ts): `flush-after-unlock`
   * before "hugetlbfs: flush TLBs correctly after huge_pmd_unshare" (a4a118f2eead, v5.16);
   * `no-sync` before "mm/hugetlb: fix huge_pmd_unshare() vs GUP-fast race" (1013af4f585f, 2025);
   * `sync-inline` that fix (correct). Absent: the 2026 mmu_gather `unshared_tables` code.
   */
  hugetlbUnshare?: 'flush-after-unlock' | 'no-sync' | 'sync-inline';
  /**
   * B33 (hypothetical, contracts.md Q9): a `replace_page_tables()` on an arch that relies on THP
   * deposit/withdraw (powerpc): collapse_pte_mapped_thp() deposits the retracted table under the
   * huge pmd instead of pte_free_defer(), and a split of that file THP withdraws it, refills it
   * and reinstalls it, as an anon split does (S2:6931-6941, S2:1466-1469).
   */
  replacePageTables?: boolean;
  /**
   * B22: retract_page_tables() with no mmu_notifier_invalidate_range_start/end around the pmd
   * clear (v1 of "free retracted page table by RCU", S2:7083-7117), on the mmu notifiers of its
   * v6.4 base: secondary TLBs are invalidated by `->invalidate_range()` from range_end and
   * tlb_flush_mmu_tlbonly(), not by arch flushes (src/mm/era.ts `secondaryTlbsFromArchFlush`).
   */
  retractNoNotifier?: boolean;
  /** B29: mmap_region() takes i_mmap_lock_write() before vma_start_write() (33313a747e81, before Hugh Dickins' "mm: lock newly mapped VMA with corrected ordering", S2:2261-2300). */
  mmapRegionLockInversion?: boolean;
  /** mremap's move_normal_pmd() without the "Racing with collapse?" recheck under the pmd lock (v6.6..v6.12-rc3, before Jann Horn's "mm/mremap: fix move_normal_pmd/retract_page_tables race"). */
  mremapNoPmdRecheck?: boolean;
}

/** Kconfig-like declarations. The model derives the generic code paths and the applicable properties from them. */
export interface Declarations {
  SMP: boolean;
  /** CONFIG_TRANSPARENT_HUGEPAGE: khugepaged retract/collapse run, pte_free_defer exists. */
  THP: boolean;
  HIGHPTE: boolean;
  /** Split PTE ptlocks: `'both'` lets the generator draw split or unsplit per run. */
  SPLIT_PTE_PTLOCKS: boolean | 'both';
  /** ALLOC_SPLIT_PTLOCKS: the ptlock is a separate object freed by the dtor. `'both'`: drawn per run. */
  ALLOC_SPLIT_PTLOCKS: boolean | 'both';
  MMU_GATHER_TABLE_FREE: boolean;
  MMU_GATHER_RCU_TABLE_FREE: boolean;
  /** HAVE_ARCH_TLB_REMOVE_TABLE (2026): the arch's own __tlb_remove_table. */
  HAVE_ARCH_TLB_REMOVE_TABLE?: boolean;
  /** CONFIG_GUP_GET_PXX_LOW_HIGH: the pmd is read in two halves. */
  GUP_GET_PXX_LOW_HIGH: boolean;
  /** CONFIG_PT_RECLAIM (v6.14+): MADV_DONTNEED frees empty PTE tables through mmu_gather. */
  PT_RECLAIM: boolean;
  flushTransport: FlushTransport;
  /**
   * `mm_cpumask` upkeep: `'clear-on-switch'` (x86: a CPU that switches to another mm leaves the
   * mask, and flushes its TLB when it switches back if it missed a flush) or `'sticky'` (the
   * default: a CPU stays in the mask once it ran the mm, e.g. riscv, loongarch; arm64 and s390
   * flush by hardware broadcast and do not use it).
   */
  mmCpumask?: 'sticky' | 'clear-on-switch';
  /** PTE tables per page: 1, 2 (s390 halves) or PTE_FRAG_NR (powerpc). */
  tablesPerPage: number;
  /** pgtable_t is `pte_t *` (a number) rather than `struct page *`. */
  pgtableIsPtePointer: boolean;
  /** Whether PTE tables get pagetable_pte_ctor/pagetable_dtor at all (false only for sparc32, contracts.md Q6). */
  ctorDtor: boolean;
  /** tlb_delay_rmap(): SMP && !s390. */
  tlbDelayRmap: boolean;
  /** s390: no gather; data pages freed at once, synchronous IPTE flush. */
  noGather?: boolean;
  /** HAVE_FAST_GUP (default true): the lockless gup_fast walker exists (sparc32 has none, only SPARC64 selects it). */
  HAVE_FAST_GUP?: boolean;
  /** s390: ptep_get_and_clear*() invalidates the entry on every CPU as it clears (IPTE), which is what lets noGather free data pages at once. */
  ptepClearFlushes?: boolean;
  /** Semantics knob (contracts.md Q1): IRQs-off sections hold off plain call_rcu grace periods. */
  irqOffIsRcuReader: boolean;
  /** s390 PGSTE (KVM guest) mms with THP allowed: a hypothetical configuration (B12). */
  pgsteThp?: boolean;
  /**
   * Whether the MMU caches upper-level entries (pointers to PTE tables) in a paging-structure /
   * walk cache that only a walk-cache flush drops (x86 PSC, arm64 and riscv walk caches, SRMMU
   * PTPs). Default true. `false`: translations only (TLB, and a TSB), every miss walking the
   * tables afresh: sparc64, whose TSB-miss trap handler walks the Linux tables in software.
   */
  hwWalkCache?: boolean;
  /**
   * sparc64: a PTE write outside lazy MMU mode flushes the page at once (`set_pte_at()` /
   * `pte_clear()` → `maybe_tlb_batch_add()` → `tlb_batch_add()` → `flush_tsb_user_page()` +
   * `global_flush_tlb_page()`, arch/sparc/mm/tlb.c), which is how the old PTEs of an anon collapse
   * (`ptep_clear()` after the generic `pmdp_collapse_flush()`, whose `flush_tlb_range()` is empty
   * there) leave the TLB. The zap's PTE clears run in lazy MMU mode and join the gather's batch.
   */
  pteWriteFlushes?: boolean;
  /** Historical generic mm code (fixtures only). */
  mm?: MmVariant;
  /**
   * A declared configuration without fault injection of the table-batch page allocation
   * (`__get_free_page(GFP_NOWAIT)` always succeeds): for a fixture that must show one bug
   * without the batch-allocation fallback's own (B13).
   */
  batchAllocCannotFail?: boolean;
  /**
   * s390 with CONFIG_PGSTE (`def_bool y if KVM`; eras with gmap in the page-table code, before
   * 2026): the scenario's mm is a KVM guest's, which `s390_enable_sie()` made a PGSTE mm
   * (`mm_has_pgste`: full 4K tables with PGSTEs, linked into the gmap; THP forbidden, so such an
   * adapter declares `THP: false`). Absent or false: an ordinary mm.
   */
  PGSTE?: boolean;
  /**
   * CONFIG_IOMMU_SVA with an SVA-capable IOMMU driver (INTEL_IOMMU_SVM, x86_64 only;
   * ARM_SMMU_V3_SVA, arm64): a device bound to the mm walks its page tables with its own IOTLB
   * and walk cache, invalidated only through mmu notifiers (src/model/secondary.ts). Adds the
   * `dma` op; from v6.6 the arch's flush hooks must call
   * `mmu_notifier_arch_invalidate_secondary_tlbs()`.
   */
  IOMMU_SVA?: boolean;
  /**
   * CONFIG_HAVE_MOVE_PMD: mremap moves whole PTE tables (`move_normal_pmd()`). Default: x86,
   * arm64, powerpc and riscv from the v6.5 era on (src/mm/mremap.ts `haveMovePmd()`).
   */
  HAVE_MOVE_PMD?: boolean;
  /**
   * s390 2K fragments whose list of free halves is threaded through the tables themselves
   * (Hugh Dickins' experiment, B9) instead of `page->lru` on `mm->context.pgtable_list`: the
   * list-membership contract C-S390-7, which reads `page->lru`, does not apply. Absent: false.
   */
  s390FragmentListInTable?: boolean;
}

/** The `struct mm_struct` / `vm_area_struct` / pmd / address handles an adapter sees. */
export interface PmdRef {
  /** Index of the pmd slot in the model's single PMD table. */
  readonly slot: number;
}

/**
 * The hooks an adapter provides. Names are the kernel's. Hooks are written as plain synchronous
 * kernel-shaped code; the loader's coroutine transform (`src/adapter/coroutines.ts`) makes them
 * interleavable: every kernel primitive they call is a preemption point where another CPU may
 * run, a contended lock waits, and blocking primitives (`tlb_remove_table_sync_one()`, a full
 * table batch flushed inside `tlb_remove_table()`) take effect inside the call. At run time a
 * hook returns its value or a generator of its steps (`src/model/coroutine.ts`); hooks in other
 * languages follow that protocol.
 */
export interface AdapterHooks {
  /** `pte_alloc_one(mm)`: a new, ctor'd PTE table, or null on failure. */
  pte_alloc_one(mm: Mm): PgtableT | null;
  /** `pte_free(mm, pgtable)`: immediate free of a table that was never exposed (or is known unreachable). */
  pte_free(mm: Mm | null, pgtable: PgtableT): void;
  /** `pte_free_defer(mm, pgtable)` (THP): free after an RCU grace period. Absent = not provided. */
  pte_free_defer?(mm: Mm, pgtable: PgtableT): void;
  /** `__pte_free_tlb(tlb, pgtable, address)`: free a PTE table through mmu_gather. */
  __pte_free_tlb(tlb: MmuGather, pgtable: PgtableT, address: number): void;
  /** `__tlb_remove_table(table)`: required with MMU_GATHER_TABLE_FREE. `table` is what was passed to tlb_remove_table. */
  __tlb_remove_table?(table: unknown): void;
  /** `pmd_same(a, b)` on raw pmd values; default: equality. */
  pmd_same?(a: number, b: number): boolean;
  /** `update_mmu_cache(vma, address, ptep)`: called by the fault path under the ptl (mips __update_tlb re-walks). */
  update_mmu_cache?(mm: Mm, slot: number, index: number): void;
  /** An arch page-table walker (arm `show_pte`, sparc `tlb_batch_pmd_scan`, ...) run by walker ops. */
  arch_walk?(mm: Mm, slot: number, index: number): void;
  /** Arch teardown at mm exit, before free_pgtables (powerpc `pte_frag_destroy`). */
  arch_exit_mmap?(mm: Mm): void;
  /** The table address (`pte_t *`) of a pgtable_t; default derives it from `pgtableIsPtePointer`. */
  pgtable_to_va?(pgtable: PgtableT): number;
  /**
   * `tlb_flush(tlb)`: the arch's flush of a gather, called by `tlb_flush_mmu_tlbonly()` with
   * `tlb.start`/`tlb.end` (virtual page indices) and `tlb.freed_tables` set; it invalidates
   * through `arch_invalidate()`. Default (include/asm-generic/tlb.h): walk caches too when
   * `freed_tables`, every CPU of mm_cpumask.
   */
  tlb_flush?(tlb: MmuGather): void;
  /**
   * `flush_tlb_range(vma, start, end)` as the generic mm calls it (`pmdp_collapse_flush()`,
   * `flush_tlb_page()`), virtual page indices `[start, end)`; `huge` when the range is one pmd's
   * worth (the PMD stride of a collapse). Default: walk caches too, every CPU of mm_cpumask.
   */
  flush_tlb_range?(mm: Mm, start: number, end: number, huge: boolean): void;
  /**
   * x86 `pmd_populate()`'s `paravirt_alloc_pte(mm, pfn)` (`pv_ops.mmu.alloc_pte`): called under
   * pmd_lock just before the pmd is set to the new table. Xen PV pins the table there; absent =
   * `paravirt_nop` (native, KVM).
   */
  paravirt_alloc_pte?(mm: Mm, pgtable: PgtableT): void;
  /**
   * `assert_pte_locked(mm, addr)` (powerpc CONFIG_DEBUG_VM): called from `ptep_clear()` of anon
   * collapse's old table, after `pmdp_collapse_flush()` cleared the pmd (C-RM-12, B26).
   */
  assert_pte_locked?(mm: Mm, slot: number, index: number): void;
  /**
   * x86 `paravirt_release_pte(pfn)`'s `pv_ops.mmu.release_pte` (arch/x86/include/asm/paravirt.h
   * `PVOP_VCALL1(mmu.release_pte, pfn)`): run by the kernel face `paravirt_release_pte()` that the
   * era's `___pte_free_tlb()` calls. Xen PV unpins the table there (`xen_release_pte`); absent =
   * `paravirt_nop` (native, KVM), so a Xen PV adapter runs the same `___pte_free_tlb()` as the
   * native one of its era with Xen's pv_ops.
   */
  paravirt_release_pte?(pfn: number): void;
  /**
   * `flush_tlb_mm(mm)` as the generic mm calls it (kernel/fork.c `dup_mmap()`'s
   * `flush_tlb_mm(oldmm)` after write-protecting the parent's COW PTEs, the abort of
   * `collapse_pte_mapped_thp()`); the arch's fullmm `tlb_flush()` may call it too. Default:
   * every entry of the mm, walk caches too, every CPU of mm_cpumask, then the secondary TLBs.
   */
  flush_tlb_mm?(mm: Mm): void;
  /**
   * `pmd_alloc_one(mm, addr)`: the mm's PMD table (the one table holding the model's pmd slots),
   * allocated at setup; what it returns is the `pmd_t *` given back to `__pmd_free_tlb`. Absent:
   * the model has no PMD table for this adapter (src/mm/pgd_range.ts).
   */
  pmd_alloc_one?(mm: Mm): unknown;
  /**
   * `__pmd_free_tlb(tlb, pmd, address)` (s390: its whole `pmd_free_tlb`): free the PMD table
   * through mmu_gather at `free_pgd_range()` (exit_mmap). Required with `pmd_alloc_one`.
   */
  __pmd_free_tlb?(tlb: MmuGather, pmd: unknown, address: number): void;
  /**
   * sparc64 `__set_pmd_acct(mm, addr, orig, pmd)`: what the arch's `set_pmd_at()` does after
   * writing the pmd, given the old value `orig`. Called by `pmdp_collapse_flush()` after it
   * cleared the pmd (sparc64's `pmdp_huge_get_and_clear()` is `set_pmd_at(..., __pmd(0))`).
   */
  __set_pmd_acct?(mm: Mm, slot: number, orig: number): void;
}

/** Every hook an adapter may provide, once each (the compiler keeps it in step with {@link AdapterHooks}). */
export const hookNames = [
  'pte_alloc_one', 'pte_free', 'pte_free_defer', '__pte_free_tlb', '__tlb_remove_table', 'pmd_same', 'update_mmu_cache',
  'arch_walk', 'arch_exit_mmap', 'pgtable_to_va', 'tlb_flush', 'flush_tlb_range', 'paravirt_alloc_pte', 'assert_pte_locked',
  'paravirt_release_pte',
  'flush_tlb_mm',
  'pmd_alloc_one', '__pmd_free_tlb', '__set_pmd_acct',
] as const satisfies readonly (keyof AdapterHooks)[];

/** The name of a hook of {@link AdapterHooks}. */
export type HookName = (typeof hookNames)[number];

// Compile-time check that no hook of AdapterHooks is missing from hookNames.
const everyHookListed: Record<Exclude<keyof AdapterHooks, HookName>, never> = {};
void everyHookListed;

/**
 * Which kind of known-bad an adapter is:
 * - `historical`: a bug the kernel had and fixed, in a release or in a posted patch version that
 *   review replaced (`fix` cites the fix commit or the patch version);
 * - `suspected`: the model's own finding, not confirmed upstream (`fix` says what would repair it);
 * - `mutation`: a deliberate mutation of correct code with no kernel counterpart (fixtures/broken
 *   only), there to show that a contract catches it.
 */
export type KnownBadKind = 'historical' | 'suspected' | 'mutation';

/** Every {@link KnownBadKind}, in display order. */
export const KNOWN_BAD_KINDS: readonly KnownBadKind[] = ['historical', 'suspected', 'mutation'];

/** Known-bad metadata: the contracts the adapter is expected to violate, which kind of bug it is, and the fix. */
export interface KnownBad {
  kind: KnownBadKind;
  contracts: string[];
  /** `historical`: the kernel fix (commit or patch) that repaired it, or the review that caught it; `suspected`, `mutation`: the repair. */
  fix: string;
}

/** How reports name a known-bad of `kind`: `known-bad (historical)`, `known-bad (suspected)` or `known-bad (mutation)`. */
export function knownBadLabel(kind: KnownBadKind | undefined): string {
  return kind === undefined ? 'known-bad' : `known-bad (${kind})`;
}

/** A complete adapter. */
export interface Adapter extends AdapterHooks {
  /** Registry name, e.g. `riscv-sbi-v6.14`. */
  name: string;
  arch: string;
  era: Era;
  /** Kernel file(s), function(s) and version mirrored. */
  source: string;
  declarations: Declarations;
  knownBad?: KnownBad;
  /** Free text shown by `ptconform list`. */
  description?: string;
}
