/**
 * fork and secondary MMUs (C-FORK-1, ptconform's own; kernel/fork.c `dup_mmap()`): fork
 * write-protects the parent's PTEs of private anon pages (`copy_present_pte()` →
 * `ptep_set_wrprotect()`), then flushes the parent with `flush_tlb_mm(oldmm)` before the child
 * can run. From v6.6 an SVA IOMMU's IOTLB is invalidated only from the arch's TLB flush code
 * (`mmu_notifier_arch_invalidate_secondary_tlbs()`, arm64 `flush_tlb_mm()`), up to v6.5 by
 * `copy_page_range()`'s notifier range; either way, once the flush is done the device must hold
 * no writable translation of a page now shared copy-on-write with the child, or its DMA writes
 * into the child's memory.
 *
 * The check runs in src/mm/fork.ts right after the parent's flush (src/model/secondary.ts
 * `checkSecondaryCowFlushed`). Only the SVA device is judged: a lazy CPU that the flush leaves
 * out writes no user memory before it switches back to the mm (and then flushes), so a CPU's
 * TLB is no counterexample at that moment. It applies to adapters that declare `IOMMU_SVA`.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'fork',
  title: 'fork: no secondary MMU keeps a writable translation of a page fork shares copy-on-write',
  contracts: ['C-FORK-1'],
  appliesTo: (a) => a.declarations.IOMMU_SVA === true,
};

export default property;
