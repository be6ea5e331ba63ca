/**
 * include/asm-generic/tlb.h `tlb_flush()` (without MMU_GATHER_NO_RANGE) over an arch whose
 * `flush_tlb_mm()`, `flush_tlb_range()` and `flush_tlb_page()` all invalidate the same way: the
 * flush side of mips and sh (which use the asm-generic `tlb_flush()`) and of loongarch (whose
 * arch/loongarch/include/asm/tlb.h `tlb_flush()` has the same shape).
 *
 * - `tlb_flush(tlb)`: `flush_tlb_mm(tlb->mm)` for a fullmm gather (or `need_flush_all`, which
 *   the model does not set), otherwise `flush_tlb_range()` on a stack vma over
 *   `[tlb->start, tlb->end)`. `tlb->freed_tables` is never looked at: what a flush drops does not
 *   depend on it.
 * - Generic mm code calls `flush_tlb_page()` for one page (writeback's `ptep_clear_flush()`) and
 *   `flush_tlb_range()` for the PMD range of `pmdp_collapse_flush()`.
 *
 * `how` is what each of the three flushes does (see each arch's tlb.ts for why).
 */
import { arch_invalidate, type AdapterHooks, type MmuGather, type Mm } from '../../src/kernel';

/** What a flush of these arches invalidates and whom it reaches. */
export interface SoftTlbInvalidation {
  walkCache: boolean;
  includeLazy: boolean;
}

/** The `tlb_flush` / `flush_tlb_range` hooks of an arch with the asm-generic `tlb_flush()`. */
export function asmGenericFlushHooks(how: SoftTlbInvalidation): Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> {
  /* flush_tlb_mm(mm): every entry of the mm (a new ASID / MMID) */
  function flush_tlb_mm(mm: Mm): void {
    void mm;
    arch_invalidate(0, Number.MAX_SAFE_INTEGER, how);
  }
  /* flush_tlb_range(vma, start, end) */
  function flush_tlb_range(mm: Mm, start: number, end: number): void {
    void mm;
    arch_invalidate(start, end, how);
  }
  /* flush_tlb_page(vma, page) */
  function flush_tlb_page(mm: Mm, page: number): void {
    void mm;
    arch_invalidate(page, page + 1, how);
  }
  return {
    tlb_flush(tlb: MmuGather) {
      if (tlb.fullmm) flush_tlb_mm(tlb.mm);
      else if (tlb.end) flush_tlb_range(tlb.mm, tlb.start, tlb.end);
    },
    flush_tlb_range(mm: Mm, start: number, end: number, huge: boolean) {
      if (huge) {
        flush_tlb_range(mm, start, end);
        return;
      }
      for (let page = start; page < end; page++) flush_tlb_page(mm, page);
    },
  };
}
