/**
 * riscv page-table freeing, era by era, written after arch/riscv/include/asm/pgalloc.h and
 * arch/riscv/include/asm/tlb.h. The same code serves both TLB-shootdown transports; which one
 * a kernel uses is a boot-time choice (`riscv_use_sbi_for_rfence()`), the adapter's declared
 * `flushTransport`.
 *
 * - v6.9 .. v6.13 (Jisheng Zhang's "riscv: enable MMU_GATHER_RCU_TABLE_FREE for SMP && MMU";
 *   pre-image of Qi Zheng's v5 10/17): `__pte_free_tlb` = `pagetable_pte_dtor()` then
 *   `riscv_tlb_remove_ptdesc()`, which picks the RCU table batch with SBI rfence and the page
 *   batch with IPI rfence; riscv's own `__tlb_remove_table` = `free_page_and_swap_cache()`.
 * - v6.14 (torvalds/linux pgalloc.h @ 8e73eeb4, "riscv: pgtable: move pagetable_dtor() to
 *   __tlb_remove_table()"): the dtor moves into the generic `__tlb_remove_table()` on the SBI
 *   path and into `riscv_tlb_remove_ptdesc()`'s IPI branch, before `tlb_remove_page_ptdesc()`.
 * - v6.15+ / 2026 (linux-mm pgalloc.h @ 5aaa2bca, "riscv: pgtable: unconditionally use
 *   tlb_remove_ptdesc()"): `__pte_free_tlb` = `tlb_remove_ptdesc()` whatever the transport.
 */
import {
  generic_pte_free, generic_pte_free_defer, page_ptdesc, pagetable_dtor, riscv_use_sbi_for_rfence,
  tlb_remove_page_ptdesc, tlb_remove_ptdesc, type Declarations, type MmuGather, type Page, type Ptdesc,
} from '../../src/kernel';
import type { AdapterHooks } from '../../src/adapter/types';
import { __pte_free_tlb, __tlb_remove_table_v6_13, pte_alloc_one, pte_free } from '../generic/hooks';

/** riscv SMP && MMU, 64-bit, v6.9+: RCU table free selected; the transport is set per adapter. */
export function riscvDeclarations(flushTransport: 'sbi' | 'ipi', PT_RECLAIM = false): Declarations {
  return {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM, flushTransport, tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  };
}

// ------------------------------------------------------------------ v6.9 .. v6.13

/** arch/riscv/include/asm/pgalloc.h (v6.13) `riscv_tlb_remove_ptdesc(tlb, pt)`. */
function riscv_tlb_remove_ptdesc_v6_13(tlb: MmuGather, pt: Ptdesc): void {
  if (riscv_use_sbi_for_rfence()) tlb_remove_ptdesc(tlb, pt);
  else tlb_remove_page_ptdesc(tlb, pt);
}

/** The v6.13 hooks. */
export const hooksV6_13: Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb' | '__tlb_remove_table'> = {
  /* include/asm-generic/pgalloc.h (riscv includes it) */
  pte_alloc_one,
  /* include/asm-generic/pgalloc.h (v6.13): pagetable_pte_dtor(ptdesc); pagetable_free(ptdesc) */
  pte_free: generic_pte_free,
  pte_free_defer: generic_pte_free_defer,
  /* arch/riscv/include/asm/pgalloc.h (v6.13): the dtor first, at unlink time */
  __pte_free_tlb(tlb, pte, _addr) {
    const ptdesc = page_ptdesc(pte as Page);
    pagetable_dtor(ptdesc); /* pagetable_pte_dtor(ptdesc) */
    riscv_tlb_remove_ptdesc_v6_13(tlb, ptdesc);
  },
  /* arch/riscv/include/asm/tlb.h (v6.13): free_page_and_swap_cache(table) */
  __tlb_remove_table: __tlb_remove_table_v6_13,
};

// ------------------------------------------------------------------ v6.14

/** arch/riscv/include/asm/pgalloc.h (v6.14) `riscv_tlb_remove_ptdesc(tlb, pt)`. */
function riscv_tlb_remove_ptdesc_v6_14(tlb: MmuGather, pt: Ptdesc): void {
  if (riscv_use_sbi_for_rfence()) {
    tlb_remove_ptdesc(tlb, pt);
  } else {
    pagetable_dtor(pt);
    tlb_remove_page_ptdesc(tlb, pt);
  }
}

/** The v6.14 hooks (no `__tlb_remove_table`: the generic one, `pagetable_dtor_free`). */
export const hooksV6_14: Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb'> = {
  pte_alloc_one,
  /* include/asm-generic/pgalloc.h (v6.14): pagetable_dtor_free(page_ptdesc(pte_page)) */
  pte_free,
  pte_free_defer: generic_pte_free_defer,
  /* arch/riscv/include/asm/pgalloc.h (v6.14) */
  __pte_free_tlb(tlb, pte, _addr) {
    riscv_tlb_remove_ptdesc_v6_14(tlb, page_ptdesc(pte as Page));
  },
};

// ------------------------------------------------------------------ v6.15+ / 2026

/** The 2026 hooks: `tlb_remove_ptdesc()` whatever the transport. */
export const hooks2026: Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb'> = {
  ...hooksV6_14,
  /* arch/riscv/include/asm/pgalloc.h (linux-mm 2026): tlb_remove_ptdesc() */
  __pte_free_tlb,
};
