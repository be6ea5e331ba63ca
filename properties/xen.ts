/**
 * Xen PV page-table pinning (contracts.md C-ARCH-4 and ptconform's C-XEN-1, C-XEN-2): the
 * pv-ops of arch/x86/xen/mmu_pv.c keep every table of a running mm pinned with the hypervisor.
 * `pmd_populate()`'s `paravirt_alloc_pte()` must pin a table before the pmd points to it, and
 * `___pte_free_tlb()`'s `paravirt_release_pte()` must unpin it after the pmd was cleared and
 * before the page is freed. The checks are in src/kernel/xen.ts (the hypervisor's view) and
 * run at `pmd_populate()`, at `__set_pfn_prot()` and when a table page is freed.
 *
 * Applies to adapters with Xen's `pv_ops.mmu.alloc_pte` (the `paravirt_alloc_pte` hook): on
 * native and KVM kernels both pv-ops are `paravirt_nop` and nothing is pinned.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'xen',
  title: 'Xen PV: page tables are pinned while linked and unpinned before they are freed',
  contracts: ['C-XEN-1', 'C-XEN-2'],
  appliesTo: (a) => a.paravirt_alloc_pte !== undefined,
};

export default property;
