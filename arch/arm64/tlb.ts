/**
 * arm64 TLB flushing of user page tables, written after arch/arm64/include/asm/tlb.h
 * `tlb_flush()` and arch/arm64/include/asm/tlbflush.h `flush_tlb_mm()`, `flush_tlb_page()`,
 * `flush_tlb_range()`, `__flush_tlb_range()` (unchanged in what they invalidate from v5.9 to
 * linux-mm 2026, docs/kernel-notes/audit-arm64.md). Every TLBI is the inner-shareable broadcast
 * form (`vale1is`, `vae1is`, `aside1is`): it reaches every CPU, lazy or not, with no IPI.
 * `last_level` picks VALE1IS (leaf entries only: the walk cache keeps its table entries) over
 * VAE1IS (walk cache too). Every modelled arm64 era is v6.6+: each flush ends with
 * `mmu_notifier_arch_invalidate_secondary_tlbs()` (an SMMUv3 SVA binding drops its IOTLB and walk
 * cache; its invalidation is never leaf-only). The 2026 `TLBF_NONOTIFY` flag is not modelled.
 * `flush_tlb_mm()` is also the `flush_tlb_mm` hook: generic mm code calls it where the kernel does
 * (kernel/fork.c `dup_mmap()`'s `flush_tlb_mm(oldmm)` after write-protecting the parent's COW
 * PTEs, judged by C-FORK-1; the abort of `collapse_pte_mapped_thp()`).
 */
import { arch_invalidate, mmu_notifier_arch_invalidate_secondary_tlbs, type AdapterHooks, type MmuGather, type Mm } from '../../src/kernel';

/** `__flush_tlb_range(vma, start, end, stride, last_level, tlb_level)`. */
export function __flush_tlb_range(mm: Mm, start: number, end: number, last_level: boolean): void {
  arch_invalidate(start, end, { walkCache: !last_level, includeLazy: true });
  /* v6.6+: the SMMUv3 SVA binding's IOTLB and walk cache (arm_smmu_mm_arch_invalidate_secondary_tlbs) */
  mmu_notifier_arch_invalidate_secondary_tlbs(mm, start, end);
}

/** `flush_tlb_mm(mm)`: ASIDE1IS, every entry of the ASID, walk cache included. */
export function flush_tlb_mm(mm: Mm): void {
  arch_invalidate(0, Number.MAX_SAFE_INTEGER, { walkCache: true, includeLazy: true });
  mmu_notifier_arch_invalidate_secondary_tlbs(mm, 0, Number.MAX_SAFE_INTEGER);
}

/** The arm64 flush hooks. */
export const arm64FlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range' | 'flush_tlb_mm'> = {
  /* arch/arm64/include/asm/tlb.h tlb_flush() */
  tlb_flush(tlb: MmuGather) {
    const last_level = !tlb.freed_tables;
    if (tlb.fullmm) {
      if (!last_level) flush_tlb_mm(tlb.mm);
      return;
    }
    __flush_tlb_range(tlb.mm, tlb.start, tlb.end, last_level);
  },
  /*
   * flush_tlb_range(): always non-last-level ("we may be invalidating table entries as part of
   * collapsing hugepages or moving page tables"); what generic mm code flushes page by page is
   * flush_tlb_page(): VALE1IS, leaf only.
   */
  flush_tlb_range(mm: Mm, start: number, end: number, huge: boolean) {
    __flush_tlb_range(mm, start, end, !huge);
  },
  /* flush_tlb_mm() as generic mm code calls it: kernel/fork.c dup_mmap() flush_tlb_mm(oldmm) */
  flush_tlb_mm,
};
