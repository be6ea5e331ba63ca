/**
 * arm LPAE, SMP, v6.6 .. v6.13 (model era 'v6.6', the 2023 era): MMU_GATHER_RCU_TABLE_FREE
 * (`select MMU_GATHER_RCU_TABLE_FREE if SMP && ARM_LPAE`), because the TLB maintenance of
 * LPAE-capable (Cortex-A15 class) CPUs is broadcast in hardware and sends no IPI that GUP-fast's
 * IRQs-off section could hold off. `__pte_free_tlb` runs the dtor itself, then queues the page
 * in the RCU table batch; arm's own `__tlb_remove_table` frees it with
 * `free_page_and_swap_cache()`. The dtor precedes the grace period, harmless in this era: only
 * tables of detached VMAs (free_pgtables) go through the gather, and no RCU walker can reach
 * those. No range widening (one hardware table per page).
 *
 * Mirrors arch/arm/include/asm/tlb.h `__tlb_remove_table` / `__pte_free_tlb` (post-image of
 * Vishal Moola's v6 19/33, [ML id 25945947859], i.e. v6.6: `pagetable_pte_dtor(ptdesc)`, then
 * `tlb_remove_ptdesc(tlb, ptdesc)`; v6.5 had the same steps as `pgtable_pte_page_dtor(pte);
 * tlb_remove_table(tlb, pte)`), arch/arm/include/asm/pgalloc.h `pte_alloc_one`,
 * include/asm-generic/pgalloc.h `pte_free`, mm/pgtable-generic.c `pte_free_defer` (v6.6).
 * Configuration: SMP, ARM_LPAE, HIGHMEM + HIGHPTE, THP (HAVE_ARCH_TRANSPARENT_HUGEPAGE if
 * ARM_LPAE), GUP-fast (HAVE_FAST_GUP if ARM_LPAE).
 *
 * Audit 2026-12 (docs/kernel-notes/audit-arm.md): named -v6.6, not -v6.5, because
 * `pte_free_defer()` (which a THP adapter must provide) is v6.6 code; era 'v6.6' (was 'v6.5'
 * before the model had that era). Flush side, not modelled: arm's `tlb_flush()` is the generic one (`flush_tlb_range()` on
 * a fake vma, `flush_tlb_mm()` for fullmm); LPAE TLBIMVAIS by address also drops the
 * walk-cache entries for that address, and no IPI is sent (`tlb_ops_need_broadcast()` false).
 */
import {
  generic_pte_free, generic_pte_free_defer, page_ptdesc, pagetable_dtor, tlb_remove_ptdesc, type Page,
} from '../../src/kernel';
import { __tlb_remove_table_v6_13 } from '../generic/hooks';
import { arm_pte_alloc_one, type ArmAdapter } from './common';

const adapter: ArmAdapter = {
  name: 'arm-lpae-v6.6',
  arch: 'arm',
  era: 'v6.6',
  armLpae: true,
  source: 'arch/arm/include/asm/tlb.h __tlb_remove_table (free_page_and_swap_cache) / __pte_free_tlb (pagetable_pte_dtor; tlb_remove_ptdesc); arch/arm/include/asm/pgalloc.h pte_alloc_one; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.6)',
  description: 'LPAE SMP: RCU table batch, broadcast TLB maintenance, dtor in __pte_free_tlb before the grace period (no RCU walker can reach those tables in this era).',
  declarations: {
    SMP: true, THP: true, HIGHPTE: true, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'broadcast', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  pte_alloc_one(mm) {
    return arm_pte_alloc_one(mm, true);
  },
  pte_free: generic_pte_free,
  pte_free_defer: generic_pte_free_defer,

  /* arch/arm/include/asm/tlb.h (v6.6) */
  __pte_free_tlb(tlb, pte, _addr) {
    const ptdesc = page_ptdesc(pte as Page);
    pagetable_dtor(ptdesc); /* pagetable_pte_dtor(ptdesc) */
    /* CONFIG_ARM_LPAE: no widening */
    tlb_remove_ptdesc(tlb, ptdesc);
  },

  /* arch/arm/include/asm/tlb.h: __tlb_remove_table(_table) → free_page_and_swap_cache(page) */
  __tlb_remove_table: __tlb_remove_table_v6_13,
};

export default adapter;
