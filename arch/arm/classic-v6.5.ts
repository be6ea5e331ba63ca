/**
 * arm classic MMU (!CONFIG_ARM_LPAE), SMP, v6.5: no MMU_GATHER_TABLE_FREE, so the generic
 * `tlb_remove_table()` is `tlb_remove_page()` and the PTE page goes through the page batch,
 * freed after the flush. `__pte_free_tlb` runs the dtor itself (`pgtable_pte_page_dtor`, at
 * unlink time: nothing but the page batch references the table any more) and widens the flush
 * range to both 1 MB hardware sections of the page (C-ARCH-5). Era 'v6.5' (not 'v6.6'): no THP,
 * so no pte_free_defer(); the model runs v6.5's generic code around it (pte_offset_map may fail
 * but takes no RCU yet, no UFFDIO_POISON; src/mm/era.ts).
 *
 * Mirrors arch/arm/include/asm/tlb.h `__pte_free_tlb` (pre-image of Vishal Moola's v6 19/33,
 * i.e. Linux v6.5), arch/arm/include/asm/pgalloc.h `pte_alloc_one` (HIGHPTE), asm-generic
 * `pte_free` and mm/pgtable-generic.c; include/asm-generic/tlb.h (v6.5) `#define
 * tlb_remove_table(tlb, page) tlb_remove_page((tlb), (page))` without MMU_GATHER_TABLE_FREE.
 *
 * Configuration: SMP on a CPU whose TLB maintenance is not broadcast in hardware
 * (`tlb_ops_need_broadcast()`, ARM11 MPCore class), so flush_tlb_* IPI the other CPUs
 * (arch/arm/kernel/smp_tlb.c); HIGHMEM with HIGHPTE (default y); no THP
 * (HAVE_ARCH_TRANSPARENT_HUGEPAGE needs ARM_LPAE); no GUP-fast (`select HAVE_GUP_FAST if
 * ARM_LPAE`). arm-classic-v6.14 covers the hardware-broadcast (Cortex-A9 class) transport.
 */
import { generic_pte_free, pagetable_dtor, tlb_remove_table, type Page } from '../../src/kernel';
import { arm_classic_widen_range, arm_pte_alloc_one, type ArmAdapter } from './common';

const adapter: ArmAdapter = {
  name: 'arm-classic-v6.5',
  arch: 'arm',
  era: 'v6.5',
  armLpae: false,
  source: 'arch/arm/include/asm/tlb.h __pte_free_tlb (pgtable_pte_page_dtor; #ifndef CONFIG_ARM_LPAE __tlb_adjust_range; tlb_remove_table); arch/arm/include/asm/pgalloc.h pte_alloc_one; include/asm-generic/pgalloc.h pte_free; include/asm-generic/tlb.h tlb_remove_table = tlb_remove_page without MMU_GATHER_TABLE_FREE (v6.5)',
  description: 'Classic MMU, SMP with IPI TLB maintenance: dtor in __pte_free_tlb, page batch freed after the IPI flush, flush range widened to both 1 MB sections.',
  declarations: {
    SMP: true, THP: false, HIGHPTE: true, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true, HAVE_FAST_GUP: false,
  },

  /* arch/arm/include/asm/pgalloc.h: __pte_alloc_one(mm, GFP_PGTABLE_USER | PGTABLE_HIGHMEM) */
  pte_alloc_one(mm) {
    return arm_pte_alloc_one(mm, true);
  },

  /* include/asm-generic/pgalloc.h: pgtable_pte_page_dtor(pte_page); __free_page(pte_page) */
  pte_free: generic_pte_free,

  /* arch/arm/include/asm/tlb.h (v6.5) */
  __pte_free_tlb(tlb, pte, addr) {
    pagetable_dtor(pte as Page); /* pgtable_pte_page_dtor(pte) */
    /* #ifndef CONFIG_ARM_LPAE: two hardware tables per page, flush both 1 MB sections */
    arm_classic_widen_range(tlb, addr);
    /* !MMU_GATHER_TABLE_FREE: tlb_remove_table() is tlb_remove_page() */
    tlb_remove_table(tlb, pte);
  },
};

export default adapter;
