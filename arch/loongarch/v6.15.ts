/**
 * loongarch, v6.15: `__pte_free_tlb` = `tlb_remove_ptdesc()` (Qi Zheng, "mm: pgtable: convert
 * some architectures to use tlb_remove_ptdesc()", v2 3/6); without MMU_GATHER_TABLE_FREE the
 * generic `tlb_remove_table()` runs `pagetable_dtor()` at once and `tlb_remove_page()`: the
 * dtor still runs at unlink time, only its call site moved into generic code. Freed after the
 * IPI flush.
 *
 * Mirrors arch/loongarch/include/asm/pgalloc.h `__pte_free_tlb` (v6.15),
 * include/asm-generic/tlb.h `tlb_remove_table` (!MMU_GATHER_TABLE_FREE),
 * include/asm-generic/pgalloc.h, mm/pgtable-generic.c `pte_free_defer`.
 */
import { generic_pte_free_defer, type Adapter } from '../../src/kernel';
import { __pte_free_tlb, pte_alloc_one, pte_free } from '../generic/hooks';
import v6_5 from './v6.5';
import { loongarchFlushHooks } from './tlb';

const adapter: Adapter = {
  ...loongarchFlushHooks,
  name: 'loongarch-v6.15',
  arch: 'loongarch',
  era: 'v6.15',
  source: 'arch/loongarch/include/asm/pgalloc.h __pte_free_tlb (tlb_remove_ptdesc); include/asm-generic/tlb.h !MMU_GATHER_TABLE_FREE tlb_remove_table (pagetable_dtor + tlb_remove_page); include/asm-generic/pgalloc.h (v6.15)',
  description: 'Page-based: the generic !MMU_GATHER_TABLE_FREE tlb_remove_table() runs the dtor, page batch freed after the IPI flush.',
  declarations: { ...v6_5.declarations },

  pte_alloc_one,
  pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/loongarch/include/asm/pgalloc.h (v6.15): tlb_remove_ptdesc() */
  __pte_free_tlb,
};

export default adapter;
