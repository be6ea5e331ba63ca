/**
 * mm/mmu_notifier.c and include/linux/mmu_notifier.h as the SVA drivers see them, era-aware
 * (`secondaryTlbsFromArchFlush`, src/mm/era.ts):
 *
 * - up to v6.5, the SVA drivers' `->invalidate_range()` (intel/svm.c `intel_invalidate_range`,
 *   arm-smmu-v3-sva.c `arm_smmu_mm_invalidate_range`) is called by
 *   `__mmu_notifier_invalidate_range_end()` (`only_end == false`, every caller in the model), by
 *   `mmu_notifier_invalidate_range()` from `tlb_flush_mmu_tlbonly()` and from the `*_notify`
 *   clear-flush helpers; nothing in arch flush code calls it;
 * - from v6.6 (Alistair Popple, "mmu_notifiers: rename invalidate_range notifier" and "mmu_notifiers:
 *   call invalidate_range() when invalidating TLBs"), the renamed `->arch_invalidate_secondary_tlbs()`
 *   is called only by arch TLB flush code (x86 `flush_tlb_mm_range()`, arm64 `__flush_tlb_range()` /
 *   `flush_tlb_mm()`, powerpc radix), through `mmu_notifier_arch_invalidate_secondary_tlbs()`;
 *   `tlb_flush_mmu_tlbonly()` and `..._range_end()` no longer do.
 *
 * Neither driver implements `->invalidate_range_start()`: start is a trace record only. Every
 * call is a no-op unless a secondary MMU is bound (`mm_has_notifiers(mm)`); the model's ranges
 * are virtual page indices `[start, end)`.
 */
import type { Mm } from '../model/mm';
import { bindSecondaryMmu, secondaryOf, type SecondaryMmu } from '../model/secondary';
import { current } from '../model/world';
import { secondaryTlbsFromArchFlush } from './era';
import { pmdKind, pmd_page_vaddr } from './pgtable_generic';
import { vpn } from './memory';

/** Drop the device's IOTLB entries of `[start, end)` and the walk-cache entries of the pmd slots it covers. */
function secondary_invalidate(s: SecondaryMmu, start: number, end: number, why: string): void {
  const w = current();
  const per = w.cfg.geometry.ptesPerTable;
  end = Math.min(end, w.cfg.geometry.slots * per);
  start = Math.min(start, end);
  for (let v = start; v < end; v++) s.iotlb.delete(v);
  for (let slot = Math.floor(start / per); slot * per < end; slot++) s.psc.delete(slot);
  w.record(() => (start < end ? `${why}: ${s.name} invalidates vpn ${start}..${end - 1} (IOTLB and walk cache)` : `${why}: ${s.name}: empty range, nothing invalidated`));
}

/** Whether the secondary TLBs of this run are invalidated by arch flush code (v6.6+) rather than by the generic notifier calls. */
function fromArchFlush(): boolean {
  const w = current();
  return secondaryTlbsFromArchFlush(w.adapter.era, w.decl.mm);
}

/**
 * `mm_has_notifiers(mm)`. The zap paths call the notifiers only then, so that runs without a
 * secondary MMU keep their traces; khugepaged's calls are recorded always (as they were before
 * secondary MMUs were modelled).
 */
export function mm_has_notifiers(mm: Mm): boolean {
  return secondaryOf(mm) !== undefined;
}

/** `mmu_notifier_invalidate_range_start(range)`: no SVA driver acts on it (a trace record). */
export function mmu_notifier_invalidate_range_start(mm: Mm, start: number, end: number): void {
  void mm;
  void start;
  void end;
  current().record('mmu_notifier_invalidate_range_start()');
}

/** `mmu_notifier_invalidate_range_end(range)`: up to v6.5 it calls `->invalidate_range()` too. */
export function mmu_notifier_invalidate_range_end(mm: Mm, start: number, end: number): void {
  const w = current();
  w.record('mmu_notifier_invalidate_range_end()');
  const s = secondaryOf(mm);
  if (s && !fromArchFlush()) secondary_invalidate(s, start, end, '->invalidate_range()');
}

/** `mmu_notifier_invalidate_range(mm, start, end)` (v6.5 and earlier; `tlb_flush_mmu_tlbonly()` calls it). */
export function mmu_notifier_invalidate_range(mm: Mm, start: number, end: number): void {
  const s = secondaryOf(mm);
  if (s && !fromArchFlush()) secondary_invalidate(s, start, end, 'mmu_notifier_invalidate_range()');
}

/**
 * `mmu_notifier_arch_invalidate_secondary_tlbs(mm, start, end)` (v6.6+): what arch flush code
 * calls after invalidating the CPUs' TLBs. Before v6.6 no arch calls it (a no-op here).
 */
export function mmu_notifier_arch_invalidate_secondary_tlbs(mm: Mm, start: number, end: number): void {
  const s = secondaryOf(mm);
  if (s && fromArchFlush()) secondary_invalidate(s, start, end, 'mmu_notifier_arch_invalidate_secondary_tlbs()');
}

/**
 * `mmu_notifier_release(mm)` (first thing in `exit_mmap()`): the SVA driver's `->release()` tears
 * down the PASID entry and flushes everything; the device walks the mm no more.
 */
export function mmu_notifier_release(mm: Mm): void {
  const s = secondaryOf(mm);
  if (!s) return;
  s.iotlb.clear();
  s.psc.clear();
  s.bound = false;
  current().record(() => `mmu_notifier_release(mm): ${s.name} ->release(), PASID torn down`);
}

/**
 * `iommu_sva_bind_device(dev, mm)` at setup, when the configuration has an SVA-capable IOMMU
 * (`Declarations.IOMMU_SVA`); `warm`: the device has already done DMA, so its walk cache holds
 * every table of the mm and its IOTLB every present PTE (as a warm CPU's caches do).
 */
export function iommu_sva_bind_device(mm: Mm, warm: boolean): void {
  const w = current();
  if (!w.decl.IOMMU_SVA) return;
  const s = bindSecondaryMmu(mm);
  if (!warm) return;
  mm.pmds.forEach((raw, slot) => {
    if (pmdKind(raw) !== 'table') return;
    const va = pmd_page_vaddr(raw);
    const page = w.pageOfVa(va)!;
    s.psc.set(slot, { page, gen: page.gen, va });
    for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
      const e = page.slots[w.slotIndex(va, i)];
      if (e?.k === 'present') s.iotlb.set(vpn(slot, i), { page: e.page, gen: e.gen, write: e.write, dirty: e.dirty });
    }
  });
}
