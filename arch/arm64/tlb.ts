/**
 * arm64 TLB flushing of user page tables, written after arch/arm64/include/asm/tlb.h
 * `tlb_flush()` and arch/arm64/include/asm/tlbflush.h `flush_tlb_mm()`, `flush_tlb_page()`,
 * `flush_tlb_range()`, `__flush_tlb_range()` (unchanged in what they invalidate from v5.9 to
 * linux-mm 2026, docs/kernel-notes/audit-arm64.md). Every TLBI is the inner-shareable broadcast
 * form (`vale1is`, `vae1is`, `aside1is`): it reaches every CPU, lazy or not, with no IPI.
 * `last_level` picks VALE1IS (leaf entries only: the walk cache keeps its table entries) over
 * VAE1IS (walk cache too).
 */
import { arch_invalidate, type AdapterHooks, type MmuGather, type Mm } from '../../src/kernel';

/** `__flush_tlb_range(vma, start, end, stride, last_level, tlb_level)`. */
export function __flush_tlb_range(start: number, end: number, last_level: boolean): void {
  arch_invalidate(start, end, { walkCache: !last_level, includeLazy: true });
}

/** `flush_tlb_mm(mm)`: ASIDE1IS, every entry of the ASID, walk cache included. */
export function flush_tlb_mm(mm: Mm): void {
  void mm;
  arch_invalidate(0, Number.MAX_SAFE_INTEGER, { walkCache: true, includeLazy: true });
}

/** The arm64 flush hooks. */
export const arm64FlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> = {
  /* arch/arm64/include/asm/tlb.h tlb_flush() */
  tlb_flush(tlb: MmuGather) {
    const last_level = !tlb.freed_tables;
    if (tlb.fullmm) {
      if (!last_level) flush_tlb_mm(tlb.mm);
      return;
    }
    __flush_tlb_range(tlb.start, tlb.end, last_level);
  },
  /*
   * flush_tlb_range(): always non-last-level ("we may be invalidating table entries as part of
   * collapsing hugepages or moving page tables"); what generic mm code flushes page by page is
   * flush_tlb_page(): VALE1IS, leaf only.
   */
  flush_tlb_range(_mm: Mm, start: number, end: number, huge: boolean) {
    __flush_tlb_range(start, end, !huge);
  },
};
