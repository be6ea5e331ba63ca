/**
 * s390 TLB flushing of user page tables, written after arch/s390/include/asm/tlb.h `tlb_flush()`,
 * arch/s390/include/asm/tlbflush.h `__tlb_flush_mm()`, `__tlb_flush_mm_lazy()`,
 * `flush_tlb_range()`, `flush_tlb_page()` and arch/s390/include/asm/pgtable.h
 * `pmdp_collapse_flush()` / `ptep_clear_flush()` (the same in what they invalidate from v4.x to
 * linux-mm 2026: docs/kernel-notes/audit-s390.md, "TLB flush of these eras").
 *
 * - MMU_GATHER_NO_GATHER: `tlb_flush(tlb)` is `__tlb_flush_mm_lazy(tlb->mm)`, which flushes the
 *   whole mm, and only when `mm->context.flush_mm` is set (`pte_free_tlb()` sets it): the range
 *   and `freed_tables` of the gather are not looked at. Data pages need no gather flush: every
 *   `ptep_get_and_clear*()` already invalidated its entry with IPTE (`ptepClearFlushes`).
 * - `__tlb_flush_mm(mm)` is IDTE with the mm's ASCE (or CSP without IDTE / with several gmaps):
 *   every TLB entry and every cached region/segment-table entry of the address space, on every
 *   CPU, by hardware (no IPI; lazy CPUs included). It also resets `mm_cpumask` to
 *   `cpu_attach_mask`, which only the local-vs-global choice reads: the model keeps `sticky`.
 * - `flush_tlb_range(vma, ...)` is `__tlb_flush_mm_lazy(vma->vm_mm)` and `flush_tlb_page()` is
 *   empty; the invalidation those generic call sites rely on is done by the clear before them:
 *   `pmdp_collapse_flush()` is `pmdp_huge_get_and_clear()` (`pmdp_xchg_direct()`: IDTE of the
 *   segment entry, walk cache included), `ptep_clear_flush()` is `ptep_xchg_direct()` (IPTE of
 *   the entry). The hook models that IDTE / IPTE, then the lazy mm flush.
 */
import { arch_invalidate, mm_context_lock, mm_context_unlock, type AdapterHooks, type MmuGather, type Mm } from '../../src/kernel';

/** asm/tlbflush.h `__tlb_flush_mm(mm)`: `__tlb_flush_idte(mm->context.asce)` (or `__tlb_flush_global()`). */
function __tlb_flush_mm(mm: Mm): void {
  void mm;
  arch_invalidate(0, Number.MAX_SAFE_INTEGER, { walkCache: true, includeLazy: true });
}

/** asm/tlbflush.h `__tlb_flush_mm_lazy(mm)`: flush the whole mm if `flush_mm` was set. */
export function __tlb_flush_mm_lazy(mm: Mm): void {
  mm_context_lock(mm);
  if (mm.context.flush_mm) {
    mm.context.flush_mm = false;
    __tlb_flush_mm(mm);
  }
  mm_context_unlock(mm);
}

/** The s390 flush hooks (every era). */
export const s390FlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> = {
  /* asm/tlb.h tlb_flush(tlb): __tlb_flush_mm_lazy(tlb->mm) */
  tlb_flush(tlb: MmuGather) {
    __tlb_flush_mm_lazy(tlb.mm);
  },
  /*
   * huge: pmdp_collapse_flush() = pmdp_huge_get_and_clear() → pmdp_flush_direct() →
   * pmdp_idte_global() (IDTE of the segment entry: TLB and cached segment-table entry, every
   * CPU); then flush_tlb_range() = __tlb_flush_mm_lazy(). !huge: ptep_clear_flush() =
   * ptep_xchg_direct() → IPTE (leaf only, every CPU); flush_tlb_page() is empty.
   */
  flush_tlb_range(mm: Mm, start: number, end: number, huge: boolean) {
    arch_invalidate(start, end, { walkCache: huge, includeLazy: true });
    if (huge) __tlb_flush_mm_lazy(mm);
  },
};
