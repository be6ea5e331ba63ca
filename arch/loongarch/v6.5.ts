/**
 * loongarch, v6.6 .. v6.14 (model era 'v6.6', the 2023 era): no MMU_GATHER_RCU_TABLE_FREE.
 * `__pte_free_tlb` runs the dtor at unlink time and puts the page in the mmu_gather page batch
 * (`tlb_remove_page_ptdesc` = `tlb_remove_page`), freed after the TLB flush, which IPIs the CPUs
 * of mm_cpumask() (`on_each_cpu_mask(... flush_tlb_range_ipi ...)`) and so waits for IRQs-off
 * walkers such as GUP-fast.
 *
 * Mirrors arch/loongarch/include/asm/pgalloc.h `__pte_free_tlb` (torvalds/linux @ c0a7eb26,
 * v6.6+: `pagetable_pte_dtor(page_ptdesc(pte)); tlb_remove_page_ptdesc(tlb, page_ptdesc(pte))`;
 * v6.1 .. v6.5 @ 0d8eae7b had the same steps as `pgtable_pte_page_dtor(pte); tlb_remove_page(tlb,
 * pte)`), include/asm-generic/pgalloc.h `pte_alloc_one` / `pte_free`, mm/pgtable-generic.c
 * `pte_free_defer` (v6.6), arch/loongarch/kernel/smp.c flush_tlb_* (IPI). Configuration: SMP,
 * THP, HAVE_FAST_GUP.
 *
 * Audit 2026-12 (docs/kernel-notes/audit-loongarch.md): named -v6.6, not -v6.5, because
 * `pte_free_defer()` (which a THP adapter must provide) is v6.6 code; era 'v6.6' (was 'v6.5'
 * before the model had that era). Flush side, not modelled: flush_tlb_mm/range/page() send no IPI at all when
 * `mm_users == 1 && current->mm == mm`; they only zero the other CPUs' `cpu_context(cpu, mm)`
 * (new ASID on their next switch_mm), and mm_cpumask() is never cleared on switch.
 */
import {
  generic_pte_free, generic_pte_free_defer, page_ptdesc, pagetable_dtor, tlb_remove_page_ptdesc, type Adapter, type Page,
} from '../../src/kernel';
import { pte_alloc_one } from '../generic/hooks';
import { loongarchFlushHooks } from './tlb';

const adapter: Adapter = {
  ...loongarchFlushHooks,
  name: 'loongarch-v6.6',
  arch: 'loongarch',
  era: 'v6.6',
  source: 'arch/loongarch/include/asm/pgalloc.h __pte_free_tlb (pagetable_pte_dtor; tlb_remove_page_ptdesc) @ c0a7eb26 (v6.6+; v6.1-v6.5 @ 0d8eae7b same steps); include/asm-generic/pgalloc.h; mm/pgtable-generic.c pte_free_defer (v6.6)',
  description: 'Page-based: dtor in __pte_free_tlb, page batch freed after the IPI flush.',
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  pte_alloc_one,
  /* include/asm-generic/pgalloc.h (v6.6): pagetable_pte_dtor(ptdesc); pagetable_free(ptdesc) */
  pte_free: generic_pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/loongarch/include/asm/pgalloc.h (v6.6) */
  __pte_free_tlb(tlb, pte, _address) {
    const ptdesc = page_ptdesc(pte as Page);
    pagetable_dtor(ptdesc); /* pagetable_pte_dtor(page_ptdesc(pte)) */
    tlb_remove_page_ptdesc(tlb, ptdesc);
  },
};

export default adapter;
