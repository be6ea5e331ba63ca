/**
 * x86 TLB flushing of user page tables, era by era, written after arch/x86/include/asm/tlb.h
 * `tlb_flush()`, arch/x86/include/asm/tlbflush.h `flush_tlb_range()` and arch/x86/mm/tlb.c
 * `flush_tlb_mm_range()` / `native_flush_tlb_multi()`.
 *
 * - A flush that reaches a CPU invalidates its paging-structure caches too: INVLPG and a CR3
 *   write drop the walk-cache entries of the address (Intel SDM 4.10.4.1), so `walkCache` is
 *   always true on x86.
 * - Who it reaches: `native_flush_tlb_multi()` IPIs every CPU of `mm_cpumask` when
 *   `info->freed_tables`, and otherwise only the CPUs that are not in lazy TLB mode
 *   (`on_each_cpu_cond_mask(should_flush_tlb, ...)`, since Rik van Riel's "x86/mm/tlb: Only send
 *   page table free TLB flush to lazy TLB CPUs", v4.20). A lazy CPU catches up on its next
 *   switch back to the mm (`tlb_gen`), but keeps walking speculatively through its walk cache
 *   until then. Xen PV (`xen_flush_tlb_multi()`, a hypercall) flushes every vCPU of the mask.
 * - `flush_tlb_range(vma, start, end)` passes `freed_tables = false` until v6.15, even for the
 *   PMD stride of `pmdp_collapse_flush()` and `move_normal_pmd()`: lazy CPUs keep a walk-cache
 *   entry for a retracted table, a use-after-free once it is freed. Fixed by 3ef938c35035 ("x86/mm:
 *   Fix flush_tlb_range() when used for zapping normal PMDs", Jann Horn, v6.15), which passes
 *   `freed_tables = true` for a PMD stride.
 * - From v6.6, `flush_tlb_mm_range()` ends with `mmu_notifier_arch_invalidate_secondary_tlbs()`
 *   (Alistair Popple, "mmu_notifiers: call invalidate_range() when invalidating TLBs"): an SVA
 *   IOMMU bound to the mm (Intel VT-d, `INTEL_IOMMU_SVM`) drops its IOTLB and walk cache there.
 */
import { arch_invalidate, eraAtLeast, mmu_notifier_arch_invalidate_secondary_tlbs, type AdapterHooks, type Era, type MmuGather, type Mm } from '../../src/kernel';

/** arch/x86/mm/tlb.c `flush_tlb_mm_range(mm, start, end, stride_shift, freed_tables)` (native or Xen PV). */
function flush_tlb_mm_range(era: Era, mm: Mm, start: number, end: number, freed_tables: boolean, pv: boolean): void {
  /* native_flush_tlb_multi(): lazy CPUs only when page tables were freed; xen_flush_tlb_multi(): all of the mask */
  arch_invalidate(start, end, { walkCache: true, includeLazy: freed_tables || pv });
  /* v6.6+ (Alistair Popple): the secondary TLBs (SVA IOMMUs) of the mm, after the CPUs' */
  if (eraAtLeast(era, 'v6.6')) mmu_notifier_arch_invalidate_secondary_tlbs(mm, start, end);
}

/**
 * The x86 flush hooks of `era` (`pv`: Xen PV, whose flush is a hypercall to every vCPU of the
 * mask). Before v4.20 (the 2012 era) lazy CPUs were IPIed like the others.
 */
export function x86FlushHooks(era: Era, pv: boolean): Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> {
  const lazySkip = eraAtLeast(era, 'v6.5') && !pv;
  return {
    /* arch/x86/include/asm/tlb.h: flush_tlb_mm_range(tlb->mm, start, end, stride_shift, tlb->freed_tables) */
    tlb_flush(tlb: MmuGather) {
      /* start = 0, end = TLB_FLUSH_ALL unless !tlb->fullmm && !tlb->need_flush_all */
      let start = 0;
      let end = Number.MAX_SAFE_INTEGER;
      if (!tlb.fullmm) {
        start = tlb.start;
        end = tlb.end;
      }
      flush_tlb_mm_range(era, tlb.mm, start, end, tlb.freed_tables, !lazySkip);
    },
    /* arch/x86/include/asm/tlbflush.h flush_tlb_range(): freed_tables only for a PMD stride from v6.15 (3ef938c35035) */
    flush_tlb_range(mm: Mm, start: number, end: number, huge: boolean) {
      const freed_tables = eraAtLeast(era, 'v6.15') && huge;
      flush_tlb_mm_range(era, mm, start, end, freed_tables, !lazySkip);
    },
  };
}
