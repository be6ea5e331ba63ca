/**
 * mips32 with 64-bit physical addresses, SMP, v6.14: as mips32-xpa-v6.5 with the ptdesc names
 * (`pagetable_dtor(page_ptdesc(pte)); tlb_remove_page_ptdesc(tlb, page_ptdesc(pte))`; Qi
 * Zheng's v5 series only renamed the dtor here). 2-level: only the PTE is read in two halves
 * (not modelled; see ./mips32-xpa-v6.5.ts), no RCU table free.
 *
 * Mirrors arch/mips/include/asm/pgalloc.h `__pte_free_tlb` (v6.14), include/asm-generic/pgalloc.h,
 * arch/mips/mm/tlb-r4k.c `__update_tlb`, arch/mips/Kconfig.
 */
import { page_ptdesc, pagetable_dtor, tlb_remove_page_ptdesc, type Adapter, type Page } from '../../src/kernel';
import { pte_alloc_one, pte_free } from '../generic/hooks';
import { update_mmu_cache } from './tlb-r4k';
import v6_5 from './mips32-xpa-v6.5';
import { mipsFlushHooks } from './tlb';

const adapter: Adapter = {
  ...mipsFlushHooks,
  name: 'mips32-xpa-v6.14',
  arch: 'mips',
  era: 'v6.14',
  source: 'arch/mips/include/asm/pgalloc.h __pte_free_tlb (pagetable_dtor; tlb_remove_page_ptdesc); arch/mips/mm/tlb-r4k.c __update_tlb; arch/mips/Kconfig GUP_GET_PXX_LOW_HIGH with PGTABLE_LEVELS 2 (v6.14)',
  description: 'Page-based, 2-level (one-word pmd); dtor + tlb_remove_page_ptdesc after the IPI flush; __update_tlb re-walk balanced.',
  declarations: { ...v6_5.declarations },

  pte_alloc_one,
  pte_free,

  /* arch/mips/include/asm/pgalloc.h (v6.14) */
  __pte_free_tlb(tlb, pte, _address) {
    pagetable_dtor(page_ptdesc(pte as Page));
    tlb_remove_page_ptdesc(tlb, page_ptdesc(pte as Page));
  },

  update_mmu_cache,
};

export default adapter;
