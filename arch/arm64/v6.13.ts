/**
 * arm64, v6.6 .. v6.13 (before Qi Zheng's series): MMU_GATHER_RCU_TABLE_FREE unconditionally
 * (TLBI is broadcast in hardware; no IPI holds off GUP-fast), `__pte_free_tlb` runs
 * `pagetable_pte_dtor()` at unlink time and queues the page in the RCU table batch, and arm64's
 * own `__tlb_remove_table` frees it with `free_page_and_swap_cache()`. The dtor precedes the
 * grace period (the B1 shape), harmless here: there is no PT_RECLAIM in this era, so only
 * tables of detached VMAs go through the gather and no RCU walker can reach them.
 *
 * Mirrors arch/arm64/include/asm/tlb.h `__tlb_remove_table` / `__pte_free_tlb` (Vishal Moola
 * v6 20/33 post-image; the pre-image of Qi Zheng's v5 09/17, i.e. Linux v6.13),
 * include/asm-generic/pgalloc.h `pte_alloc_one` / `pte_free`, mm/pgtable-generic.c
 * `pte_free_defer`. Configuration: SMP, THP, split PTE ptlocks (NR_CPUS >= 4).
 */
import {
  generic_pte_free, generic_pte_free_defer, page_ptdesc, pagetable_dtor, tlb_remove_ptdesc, type Adapter, type Page,
} from '../../src/kernel';
import { __tlb_remove_table_v6_13, pte_alloc_one } from '../generic/hooks';
import { arm64FlushHooks } from './tlb';

const adapter: Adapter = {
  name: 'arm64-v6.13',
  arch: 'arm64',
  era: 'v6.13',
  source: 'arch/arm64/include/asm/tlb.h __tlb_remove_table (free_page_and_swap_cache) / __pte_free_tlb (pagetable_pte_dtor; tlb_remove_ptdesc); include/asm-generic/pgalloc.h pte_alloc_one/pte_free; mm/pgtable-generic.c pte_free_defer (v6.13)',
  description: 'RCU table batch, broadcast TLBI, dtor in __pte_free_tlb before the grace period (no PT_RECLAIM in this era).',
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'broadcast', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
    /* ARM_SMMU_V3_SVA (selects IOMMU_SVA): an SMMUv3 device may share the mm's page tables */
    IOMMU_SVA: true,
  },

  /* include/asm-generic/pgalloc.h: __pte_alloc_one(mm, GFP_PGTABLE_USER) */
  pte_alloc_one,
  /* include/asm-generic/pgalloc.h (v6.13): pagetable_pte_dtor(ptdesc); pagetable_free(ptdesc) */
  pte_free: generic_pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/arm64/include/asm/tlb.h (v6.13) */
  __pte_free_tlb(tlb, pte, _addr) {
    const ptdesc = page_ptdesc(pte as Page);
    pagetable_dtor(ptdesc); /* pagetable_pte_dtor(ptdesc) */
    tlb_remove_ptdesc(tlb, ptdesc);
  },

  /* arch/arm64/include/asm/tlb.h (v6.13): free_page_and_swap_cache((struct page *)_table) */
  __tlb_remove_table: __tlb_remove_table_v6_13,
  /* arch/arm64/include/asm/tlb.h tlb_flush(), arch/arm64/include/asm/tlbflush.h flush_tlb_range()/flush_tlb_page() (./tlb.ts) */
  ...arm64FlushHooks,
};

export default adapter;
