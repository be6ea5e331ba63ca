/**
 * mips32 with 64-bit physical addresses (CPU_MIPS32 && PHYS_ADDR_T_64BIT, e.g. XPA), SMP, v6.5:
 * `select GUP_GET_PXX_LOW_HIGH` (the pmd and pte are read in two halves), no
 * MMU_GATHER_RCU_TABLE_FREE, so `pmdp_get_lockless_sync()` is a no-op (B36) and GUP-fast and
 * `__pte_offset_map`'s IRQs-off pmd read rely on the IPI TLB flush. `__pte_free_tlb` runs the
 * dtor at unlink time and frees through the page batch after the flush. No THP on mips32 with
 * 64-bit physical addresses (CPU_SUPPORTS_HUGEPAGES excludes it), no HIGHPTE on mips.
 * `update_mmu_cache()` re-walks in `__update_tlb()` with a balanced pte_offset_map/pte_unmap.
 *
 * Mirrors arch/mips/include/asm/pgalloc.h `__pte_free_tlb` (≤ v6.5: `pgtable_pte_page_dtor(pte);
 * tlb_remove_page((tlb), pte)`), include/asm-generic/pgalloc.h `pte_alloc_one` / `pte_free`,
 * arch/mips/mm/tlb-r4k.c `__update_tlb` (v6.5, with pte_unmap), arch/mips/Kconfig
 * GUP_GET_PXX_LOW_HIGH.
 */
import { generic_pte_free, pagetable_dtor, tlb_remove_page, type Adapter, type Page } from '../../src/kernel';
import { pte_alloc_one } from '../generic/hooks';
import { update_mmu_cache } from './tlb-r4k';

const adapter: Adapter = {
  name: 'mips32-xpa-v6.5',
  arch: 'mips',
  era: 'v6.5',
  source: 'arch/mips/include/asm/pgalloc.h __pte_free_tlb (pgtable_pte_page_dtor; tlb_remove_page); arch/mips/mm/tlb-r4k.c __update_tlb (pte_offset_map ... pte_unmap); arch/mips/Kconfig select GUP_GET_PXX_LOW_HIGH if CPU_MIPS32 && PHYS_ADDR_T_64BIT (v6.5)',
  description: 'Page-based, pmd read in two halves without RCU table free (pmdp_get_lockless_sync is a no-op); dtor + page batch after the IPI flush; __update_tlb re-walk balanced.',
  declarations: {
    SMP: true, THP: false, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: true,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  pte_alloc_one,
  pte_free: generic_pte_free,

  /* arch/mips/include/asm/pgalloc.h (v6.5) */
  __pte_free_tlb(tlb, pte, _address) {
    pagetable_dtor(pte as Page); /* pgtable_pte_page_dtor(pte) */
    tlb_remove_page(tlb, pte as Page);
  },

  update_mmu_cache,
};

export default adapter;
