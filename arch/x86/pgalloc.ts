/**
 * x86 page-table allocation and freeing shared by the x86 adapters, written anew from the
 * kernel's control flow (docs/kernel-notes/arch-x86-arm-riscv-misc.md §1):
 *
 * - arch/x86/mm/pgtable.c `pte_alloc_one()` and `__userpte_alloc_gfp` (HIGHPTE adds
 *   `__GFP_HIGHMEM`): v3.x (`alloc_pages` + `pgtable_page_ctor`, torvalds/linux @ 6b7781b4 for
 *   the shape) and v4.x+ (`__pte_alloc_one(mm, __userpte_alloc_gfp)`);
 * - include/asm-generic/pgalloc.h / arch/x86/include/asm/pgalloc.h `pte_free()`: dtor then
 *   `__free_page` (v3.x .. v6.5), `pagetable_dtor_free()` (v6.14+);
 * - arch/x86/include/asm/tlb.h `__tlb_remove_table()` of v4.19 .. v6.13:
 *   `free_page_and_swap_cache(table)` (the dtor already ran in `___pte_free_tlb`);
 * - the hooks of a v4.x+ adapter around its era's arch/x86/mm/pgtable.c `___pte_free_tlb()`
 *   ({@link x86_pte_hooks}).
 *
 * Every x86 adapter uses one PTE table per page and `pgtable_t` = `struct page *`.
 */
import {
  __free_page, __pte_alloc_one, alloc_page, generic_pte_free_defer, GFP_PGTABLE_USER,
  page_ptdesc, pagetable_dtor, pagetable_dtor_free, pagetable_pte_ctor,
  type Gfp, type Mm, type MmuGather, type Page, type PgtableT,
} from '../../src/kernel';
import type { AdapterHooks } from '../../src/adapter/types';
import { __tlb_remove_table_v6_13 } from '../generic/hooks';

/** `page_to_pfn(page)`. */
export function page_to_pfn(page: Page): number {
  return page.pfn;
}

/** `__userpte_alloc_gfp`: `GFP_PGTABLE_USER`, plus `__GFP_HIGHMEM` with CONFIG_HIGHPTE (unless `userpte=nohigh`). */
export function __userpte_alloc_gfp(highpte: boolean): Gfp {
  return highpte ? `${GFP_PGTABLE_USER} | __GFP_HIGHMEM` : GFP_PGTABLE_USER;
}

/**
 * v3.x `pte_alloc_one(mm, address)`: `alloc_pages(__userpte_alloc_gfp, 0)`, then
 * `pgtable_page_ctor(pte)` (void in v3.x: the ptlock was embedded in struct page until v3.13).
 */
export function pte_alloc_one_v3(mm: Mm, highpte: boolean): PgtableT | null {
  void mm;
  const pte = alloc_page(__userpte_alloc_gfp(highpte));
  pagetable_pte_ctor(pte);
  return pte;
}

/** v4.x .. v6.14 `pte_alloc_one(mm)`: `__pte_alloc_one(mm, __userpte_alloc_gfp)`. */
export function pte_alloc_one(mm: Mm, highpte: boolean): PgtableT | null {
  return __pte_alloc_one(mm, __userpte_alloc_gfp(highpte));
}

/**
 * `pte_free(mm, pte)` up to v6.5: `pgtable_page_dtor(pte)` (v6.5: `pgtable_pte_page_dtor`),
 * then `__free_page(pte)`.
 */
export function pte_free_v6_5(mm: Mm | null, pte: PgtableT): void {
  void mm;
  const page = pte as Page;
  pagetable_dtor(page);
  __free_page(page);
}

/** `pte_free(mm, pte_page)` v6.14+: `pagetable_dtor_free(page_ptdesc(pte_page))`. */
export function pte_free_v6_14(mm: Mm | null, pte: PgtableT): void {
  void mm;
  pagetable_dtor_free(page_ptdesc(pte as Page));
}

/**
 * arch/x86/include/asm/tlb.h `__tlb_remove_table(table)` (v4.19 .. v6.13, MMU_GATHER_TABLE_FREE
 * i.e. PARAVIRT): `free_page_and_swap_cache(table)`, as on arm, arm64 and riscv. No dtor:
 * `___pte_free_tlb` ran it at unlink.
 */
export const __tlb_remove_table_v4_19: (table: unknown) => void = __tlb_remove_table_v6_13;

/**
 * The PTE hooks of an x86 adapter of v4.x or later without CONFIG_HIGHPTE:
 * arch/x86/mm/pgtable.c `pte_alloc_one()` (`__pte_alloc_one(mm, __userpte_alloc_gfp)`), the
 * era's `pte_free` ({@link pte_free_v6_5} or {@link pte_free_v6_14}), mm/pgtable-generic.c
 * `pte_free_defer`, and arch/x86/include/asm/pgalloc.h `__pte_free_tlb(tlb, pte, address)`,
 * which is `___pte_free_tlb(tlb, pte)`: the era's arch/x86/mm/pgtable.c function, given here.
 */
export function x86_pte_hooks(
  pte_free: (mm: Mm | null, pte: PgtableT) => void,
  ___pte_free_tlb: (tlb: MmuGather, pte: Page) => void,
): Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb'> {
  return {
    pte_alloc_one(mm) {
      return pte_alloc_one(mm, false);
    },
    pte_free,
    pte_free_defer: generic_pte_free_defer,
    __pte_free_tlb(tlb, pte) {
      ___pte_free_tlb(tlb, pte as Page);
    },
  };
}
