/**
 * arm (32-bit) helpers shared by the arm adapters, written after arch/arm/include/asm/pgalloc.h
 * (`pte_alloc_one`, PGTABLE_HIGHMEM) and arch/arm/include/asm/tlb.h (`__pte_free_tlb`'s
 * `#ifndef CONFIG_ARM_LPAE` range widening), Linux v6.5 .. v6.14 (the shape is the same in
 * every era the adapters cover).
 */
import {
  __pte_alloc_one, __tlb_adjust_range, clean_pte_table, GFP_PGTABLE_USER, PAGE_SIZE, page_address, PageHighMem, PTRS_PER_PTE,
  type Adapter, type Mm, type MmuGather, type Page, type PgtableT,
} from '../../src/kernel';

/**
 * An arm adapter: `armLpae` says which MMU it mirrors. `false` is the classic (short-descriptor)
 * MMU, whose Linux PTE page holds the two hardware tables of one pmd (properties/arm.ts,
 * C-ARCH-5, applies to it); `true` is LPAE (one hardware table per page).
 */
export interface ArmAdapter extends Adapter {
  readonly armLpae: boolean;
}

/** `PGTABLE_HIGHMEM`: `__GFP_HIGHMEM` with CONFIG_HIGHPTE, else 0. */
function pgtable_gfp(highpte: boolean): string {
  return highpte ? `${GFP_PGTABLE_USER}|__GFP_HIGHMEM` : GFP_PGTABLE_USER;
}

/**
 * arch/arm/include/asm/pgalloc.h `pte_alloc_one(mm)`: `__pte_alloc_one(mm, GFP_PGTABLE_USER |
 * PGTABLE_HIGHMEM)`, then `clean_pte_table()` of a lowmem page (src/kernel/arm.ts: a nop on the
 * SMP ARMv7 CPUs the adapters mirror; `PageHighMem(NULL)` after a failed allocation oopses).
 * v6.6+ spells it `PageHighMem(ptdesc_page(pte))` / `clean_pte_table(ptdesc_address(pte))`.
 */
export function arm_pte_alloc_one(mm: Mm, highpte: boolean): PgtableT | null {
  const pte = __pte_alloc_one(mm, pgtable_gfp(highpte));
  if (!pte) return null;
  if (!PageHighMem(pte as Page)) clean_pte_table(page_address(pte as Page));
  return pte;
}

/**
 * The `#ifndef CONFIG_ARM_LPAE` block of arch/arm/include/asm/tlb.h `__pte_free_tlb()`: the
 * PTE page backs two 1 MB hardware sections, so flush the last page of the first and the first
 * page of the second: `addr = (addr & PMD_MASK) + SZ_1M; __tlb_adjust_range(tlb, addr -
 * PAGE_SIZE, 2 * PAGE_SIZE)`. In the model a pmd covers PTRS_PER_PTE pages (drawn 1..4) and a
 * "section" is half of it, rounded down to whole pages and at least one (properties/arm.ts uses
 * the same halves). (Plain arithmetic: addresses exceed 2^32.)
 */
export function arm_classic_widen_range(tlb: MmuGather, addr: number): void {
  const PMD_SIZE = PTRS_PER_PTE() * PAGE_SIZE;
  const SZ_1M = Math.max(1, Math.floor(PTRS_PER_PTE() / 2)) * PAGE_SIZE;
  addr = addr - (addr % PMD_SIZE) + SZ_1M;
  __tlb_adjust_range(tlb, addr - PAGE_SIZE, 2 * PAGE_SIZE);
}
