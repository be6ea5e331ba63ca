/**
 * A secondary MMU bound to an mm: an SVA-capable IOMMU (Intel VT-d with `INTEL_IOMMU_SVM`, Arm
 * SMMUv3 with `ARM_SMMU_V3_SVA`) that walks the CPU's own page tables for a device (contracts.md
 * §1.9: it "directly consumes the normal page tables"). It has its own IOTLB and its own
 * paging-structure (walk) cache, and nothing but the mm's mmu notifiers invalidates them
 * (`src/mm/mmu_notifier.ts`). The device walks at any time while the binding lives (DMA, ATS
 * translation requests), so a walk-cache entry that outlives its table's free is a
 * use-after-free (C-LT-2, B22), whether or not a generated DMA op happens to use it.
 *
 * Model simplifications: one device, one PASID, bound to the mm for the whole run from setup
 * (`iommu_sva_bind_device()`) until `exit_mmap()`'s `mmu_notifier_release()`; the caches are
 * keyed like a CPU's (virtual page, pmd slot); invalidation drops exactly the range it is given,
 * walk cache included (VT-d PASID-based IOTLB invalidation with IH=0, SMMUv3 non-leaf TLBI).
 */
import type { PscEntry, TlbEntry } from './actor';
import type { Mm } from './mm';
import type { Page } from './types';
import type { World } from './world';

/** The mm's SVA binding: the device's caches (`mm->notifier_subscriptions` with one subscriber). */
export interface SecondaryMmu {
  /** Device name for the timeline. */
  readonly name: string;
  /** The IOTLB: virtual page → data page. */
  readonly iotlb: Map<number, TlbEntry>;
  /** The walk cache: pmd slot → PTE table. */
  readonly psc: Map<number, PscEntry>;
  /** Cleared by `mmu_notifier_release()`: the PASID entry is torn down and the device walks no more. */
  bound: boolean;
}

const bindings = new WeakMap<Mm, SecondaryMmu>();

/** Bind a fresh secondary MMU to `mm` (`iommu_sva_bind_device()` → `mmu_notifier_register()`). */
export function bindSecondaryMmu(mm: Mm): SecondaryMmu {
  const s: SecondaryMmu = { name: 'iommu', iotlb: new Map(), psc: new Map(), bound: true };
  bindings.set(mm, s);
  return s;
}

/** The secondary MMU bound to `mm` and still walking it, or undefined (`mm_has_notifiers(mm)`). */
export function secondaryOf(mm: Mm): SecondaryMmu | undefined {
  const s = bindings.get(mm);
  return s?.bound ? s : undefined;
}

/**
 * C-LT-2 for secondary MMUs, run before a table page goes back to the allocator: the device may
 * walk through its walk-cache entry at any moment, so the free is the use-after-free.
 */
export function checkSecondaryMmuFree(w: World, p: Page, mm: Mm): void {
  const s = secondaryOf(mm);
  if (!s) return;
  for (const e of s.psc.values()) {
    if (e.page !== p || e.gen !== p.gen) continue;
    const name = w.pageName(p);
    w.record(() => `${s.name}: device walk via ${name} (walk-cache entry of the SVA binding)`, name);
    w.violate('C-LT-2', `${name} freed while the walk cache of the secondary MMU (${s.name}, SVA) still points to it: the device may walk the freed table (no mmu_notifier invalidation reached it since the unlink)`);
    return;
  }
}

/**
 * C-FORK-1, run when `dup_mmap()` has flushed the parent (`flush_tlb_mm(oldmm)`) and before the
 * child can run: fork write-protected the parent's PTEs of every private anon page it now
 * shares with the child (copy-on-write), so no IOTLB entry of the parent's SVA binding may still
 * let the device write such a page without a walk (a writable, dirty entry): the device would
 * write into memory the child shares. The shared pages are the anon pages mapped more than once
 * (in the model only fork maps an anon page twice).
 */
export function checkSecondaryCowFlushed(w: World, mm: Mm): void {
  const s = secondaryOf(mm);
  if (!s) return;
  for (const [v, t] of s.iotlb) {
    const d = t.page.data;
    if (!t.write || !t.dirty || t.page.gen !== t.gen || d?.kind !== 'anon' || d.mapcount < 2) continue;
    const name = w.pageName(t.page);
    w.violate('C-FORK-1', `after dup_mmap()'s flush_tlb_mm(oldmm) the IOTLB of the secondary MMU (${s.name}, SVA) still holds a writable translation of vpn ${v} to ${name}, which fork write-protected and now shares copy-on-write with the child: the device can write into the child's memory (the flush did not reach the secondary TLBs)`);
    return;
  }
}
