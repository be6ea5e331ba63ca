/**
 * sparc TLB flushing of user page tables.
 *
 * sparc64, written after arch/sparc/include/asm/tlb_64.h (`tlb_flush(tlb)` is
 * `flush_tlb_pending()`), arch/sparc/mm/tlb.c `flush_tlb_pending()`, `tlb_batch_add()`,
 * arch/sparc/kernel/smp_64.c `smp_flush_tlb_pending()` / `smp_flush_tlb_page()` and
 * arch/sparc/include/asm/tlbflush_64.h (`flush_tlb_range()`, `flush_tlb_page()` are empty), the
 * same from v6.6 to linux-mm 2026 in what they invalidate:
 * - The MMU caches translations only (TLB and the software TSB): the TSB-miss trap handler walks
 *   the Linux tables in software, so no flush has a walk cache to drop (`walkCache: false`).
 * - Each PTE change goes through `set_pte_at()` → `tlb_batch_add()`: in lazy MMU mode the address
 *   joins this CPU's `tlb_batch`, which `arch_leave_lazy_mmu_mode()` and `tlb_flush()` flush with
 *   `flush_tlb_pending()`; outside it the page is flushed at once (`global_flush_tlb_page()`).
 *   A fullmm gather adds nothing (`tlb_batch_add()` skips `fullmm`): the context dies with the mm.
 * - `smp_flush_tlb_pending()` / `smp_flush_tlb_page()`: `smp_call_function_many(mm_cpumask(mm),
 *   ..., wait)`, then the local flush; `mm_cpumask` keeps every CPU that ran the mm, lazy ones
 *   included (the `mm_users == 1` trim to this CPU is not modelled).
 * - `pmdp_collapse_flush()` is sparc64's `pmdp_huge_get_and_clear()` = `set_pmd_at(..., 0)`, whose
 *   `__set_pmd_acct()` → `tlb_batch_pmd_scan()` flushes each valid PTE of the old table
 *   (./init_64.ts, the `__set_pmd_acct` hook), then the empty `flush_tlb_range()`.
 *
 * sparc32 SRMMU, written after arch/sparc/include/asm/tlbflush_32.h and arch/sparc/kernel/smp_32.c
 * `smp_flush_tlb_range()` / `smp_flush_tlb_page()` (`xc3()` / `xc2()` cross-calls to the other
 * CPUs of `mm_cpumask`, then `local_ops->tlb_range()` / `tlb_page()`), with asm-generic/tlb.h
 * `tlb_flush()` (`flush_tlb_mm()` for fullmm, else `flush_tlb_range()` of the gathered range):
 * the SRMMU's segment/region flush probes drop cached page-table pointers (PTPs) with the PTEs
 * (`walkCache: true` for a range or the context), a page probe only the page's PTE.
 */
import { arch_invalidate, type AdapterHooks, type Mm, type MmuGather } from '../../src/kernel';

/** sparc64 `flush_tlb_pending()` / `global_flush_tlb_page()`: TSB and TLB entries of the pages, mm_cpumask. */
function sparc64_flush_pages(start: number, end: number): void {
  arch_invalidate(start, end, { walkCache: false, includeLazy: true });
}

/**
 * arch/sparc/mm/tlb.c `tlb_batch_add_one(mm, vaddr, exec, hugepage_shift)` as
 * `tlb_batch_pmd_scan()` calls it, outside lazy MMU mode (`!tb->active`):
 * `flush_tsb_user_page()` + `global_flush_tlb_page()` of the page at once (the per-CPU batch of
 * lazy MMU mode and the exec bit are not modelled: no caller runs it in lazy MMU mode).
 */
export function tlb_batch_add_one(mm: Mm, vaddr: number): void {
  void mm;
  sparc64_flush_pages(vaddr, vaddr + 1);
}

/**
 * The sparc64 flush hooks (every era), for adapters that declare `hwWalkCache: false` (the MMU
 * has no paging-structure cache for these leaf-only flushes to leave stale).
 */
export const sparc64FlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> = {
  /* tlb_64.h tlb_flush() → flush_tlb_pending(): the batch tlb_batch_add() filled (nothing for fullmm) */
  tlb_flush(tlb: MmuGather) {
    if (tlb.fullmm) return;
    sparc64_flush_pages(tlb.start, tlb.end);
  },
  /*
   * !huge: ptep_clear_flush()'s / page_mkclean's set_pte_at() → tlb_batch_add() outside lazy MMU
   * mode → global_flush_tlb_page(); flush_tlb_page() itself is empty. huge: the empty
   * flush_tlb_range() of pmdp_collapse_flush() (its set_pmd_at() flushed: __set_pmd_acct hook).
   */
  flush_tlb_range(_mm, start: number, end: number, huge: boolean) {
    if (!huge) sparc64_flush_pages(start, end);
  },
};

/** The sparc32 SRMMU flush hooks. */
export const srmmuFlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> = {
  /* asm-generic tlb_flush(): flush_tlb_mm() (fullmm) or flush_tlb_range() → smp_flush_tlb_*() */
  tlb_flush(tlb: MmuGather) {
    if (tlb.fullmm) arch_invalidate(0, Number.MAX_SAFE_INTEGER, { walkCache: true, includeLazy: true });
    else arch_invalidate(tlb.start, tlb.end, { walkCache: true, includeLazy: true });
  },
  /* smp_flush_tlb_page() (page probe) for !huge; no THP on sparc32, so huge is a range flush */
  flush_tlb_range(_mm, start: number, end: number, huge: boolean) {
    arch_invalidate(start, end, { walkCache: huge, includeLazy: true });
  },
};
