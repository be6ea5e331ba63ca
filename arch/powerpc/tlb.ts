/**
 * powerpc book3s64 TLB flushing of user page tables, radix MMU, written after
 * arch/powerpc/include/asm/book3s/64/tlbflush.h `tlb_flush()` / `flush_tlb_range()` /
 * `flush_tlb_page()` (dispatch to `radix__*` when `radix_enabled()`), and
 * arch/powerpc/mm/book3s64/radix_tlb.c `radix__tlb_flush()`, `radix__flush_tlb_pwc_range_psize()`,
 * `radix__flush_tlb_range_psize()`, `radix__flush_tlb_page()`, `radix__flush_tlb_collapsed_pmd()`
 * (v6.6 and linux-mm 2026: what they invalidate is the same; 2026 folds the two range functions
 * into `radix__flush_tlb_pwc_range_psize(mm, start, end, psize, flush_pwc)`).
 *
 * - What: RIC_FLUSH_TLB (leaf translations) or, with `tlb->freed_tables`, RIC_FLUSH_ALL /
 *   RIC_FLUSH_PWC (the page-walk cache too). A fullmm gather flushes the whole PID with the PWC
 *   (`__flush_all_mm(mm, true)`, or with MMU_LAZY_TLB_SHOOTDOWN `exit_flush_lazy_tlbs()` + tlbiel
 *   RIC_FLUSH_ALL).
 * - Who (`flush_type_needed()`): `tlbie`, a hardware broadcast to every CPU with no interrupt,
 *   unless the mm is thread-local (`tlbiel` on this CPU only: no other CPU has the mm, lazily or
 *   not, since `mm_cpumask` is only trimmed by `exit_flush_lazy_tlbs()`, an IPI that switches the
 *   lazy CPUs away first) or tlbie is disabled (`!cputlb_use_tlbie()`: IPIs running tlbiel on
 *   every CPU of `mm_cpumask`, lazy ones included). Lazy CPUs are reached in every case; the
 *   model's `broadcast` transport is the tlbie case (the IPI fallback is a model limit,
 *   docs/kernel-notes/audit-powerpc.md).
 * - `pmdp_collapse_flush()` is `radix__pmdp_collapse_flush()`: pmd_clear, then
 *   `radix__flush_tlb_collapsed_pmd()` = `radix__flush_tlb_pwc_range_psize()` (PWC included);
 *   `flush_tlb_page()` is RIC_FLUSH_TLB of one page.
 * - Hash MMU (`hash__tlb_flush()`: the per-CPU `ppc64_tlb_batch` of HPTEs) is not modelled: the
 *   hash MMU walks the hashed page table, never the Linux tables, so it has no walk cache to flush.
 */
import { arch_invalidate, type AdapterHooks, type MmuGather } from '../../src/kernel';

/** `radix__flush_tlb_pwc_range_psize()` (`also_pwc`) / `radix__flush_tlb_range_psize()`. */
function __radix__flush_tlb_range_psize(start: number, end: number, also_pwc: boolean): void {
  arch_invalidate(start, end, { walkCache: also_pwc, includeLazy: true });
}

/** `__flush_all_mm(mm, true)`: tlbie RIC_FLUSH_ALL of the PID (TLB, PWC, process table cache). */
function __flush_all_mm(): void {
  arch_invalidate(0, Number.MAX_SAFE_INTEGER, { walkCache: true, includeLazy: true });
}

/** The book3s64 (radix) flush hooks. */
export const book3s64FlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> = {
  /* book3s/64/tlbflush.h tlb_flush() → radix__tlb_flush(tlb) */
  tlb_flush(tlb: MmuGather) {
    if (tlb.fullmm) {
      __flush_all_mm();
      return;
    }
    __radix__flush_tlb_range_psize(tlb.start, tlb.end, tlb.freed_tables);
  },
  /* huge: radix__pmdp_collapse_flush() → radix__flush_tlb_collapsed_pmd() (PWC); else radix__flush_tlb_page() */
  flush_tlb_range(_mm, start: number, end: number, huge: boolean) {
    __radix__flush_tlb_range_psize(start, end, huge);
  },
};
