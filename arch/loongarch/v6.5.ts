/**
 * loongarch, v6.1 .. v6.5: no MMU_GATHER_RCU_TABLE_FREE. `__pte_free_tlb` runs the dtor at
 * unlink time and puts the page in the mmu_gather page batch, freed after the TLB flush, which
 * IPIs every other CPU (`on_each_cpu_mask(... ipi_flush_tlb_* ...)`) and so waits for IRQs-off
 * walkers such as GUP-fast.
 *
 * Mirrors arch/loongarch/include/asm/pgalloc.h `__pte_free_tlb` (torvalds/linux @ 0d8eae7b,
 * v6.1-v6.5: `pgtable_pte_page_dtor(pte); tlb_remove_page((tlb), pte)`),
 * include/asm-generic/pgalloc.h `pte_alloc_one` / `pte_free`, mm/pgtable-generic.c
 * `pte_free_defer`, arch/loongarch/kernel/smp.c flush_tlb_* (IPI). Configuration: SMP, THP.
 */
import { generic_pte_free, generic_pte_free_defer, pagetable_dtor, tlb_remove_page, type Adapter, type Page } from '../../src/kernel';
import { pte_alloc_one } from '../generic/hooks';

const adapter: Adapter = {
  name: 'loongarch-v6.5',
  arch: 'loongarch',
  era: 'v6.5',
  source: 'arch/loongarch/include/asm/pgalloc.h __pte_free_tlb (pgtable_pte_page_dtor; tlb_remove_page) @ 0d8eae7b; include/asm-generic/pgalloc.h; mm/pgtable-generic.c pte_free_defer (v6.5)',
  description: 'Page-based: dtor in __pte_free_tlb, page batch freed after the IPI flush.',
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  pte_alloc_one,
  pte_free: generic_pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/loongarch/include/asm/pgalloc.h (v6.5) */
  __pte_free_tlb(tlb, pte, _address) {
    pagetable_dtor(pte as Page); /* pgtable_pte_page_dtor(pte) */
    tlb_remove_page(tlb, pte as Page);
  },
};

export default adapter;
