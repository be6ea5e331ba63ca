/**
 * The generic PTE-table hooks of v6.14 and later, under their kernel names, for every adapter
 * whose code for a hook is, in its era, exactly the generic code (arm LPAE, arm64, loongarch,
 * mips, riscv and sh from Qi Zheng's series on; generic-v6.14 itself):
 *
 * - include/asm-generic/pgalloc.h `pte_alloc_one(mm)`: `__pte_alloc_one(mm, GFP_PGTABLE_USER)`;
 * - include/asm-generic/pgalloc.h `pte_free(mm, pte_page)` (v6.14+):
 *   `pagetable_dtor_free(page_ptdesc(pte_page))`;
 * - `__pte_free_tlb(tlb, pte, address)` in its `tlb_remove_ptdesc(tlb, page_ptdesc(pte))` form
 *   (include/asm-generic/tlb.h; the arch tlb.h / pgalloc.h of arm LPAE and arm64 from v6.14, of
 *   loongarch, mips, riscv and sh from v6.15);
 * - mm/mmu_gather.c `__tlb_remove_table(table)` (v6.14+, !HAVE_ARCH_TLB_REMOVE_TABLE):
 *   `pagetable_dtor_free()`.
 *
 * `pte_free_defer` is mm/pgtable-generic.c's `generic_pte_free_defer` from src/kernel.
 *
 * Before v6.14 there was no generic `__tlb_remove_table()`: arm, arm64, riscv and x86 each had
 * the same one in their asm/tlb.h, {@link __tlb_remove_table_v6_13}.
 */
import {
  __pte_alloc_one, free_page_and_swap_cache, GFP_PGTABLE_USER, page_ptdesc, pagetable_dtor_free, tlb_remove_ptdesc,
  type Mm, type MmuGather, type Page, type PgtableT,
} from '../../src/kernel';

/** include/asm-generic/pgalloc.h `pte_alloc_one(mm)`: `__pte_alloc_one(mm, GFP_PGTABLE_USER)`. */
export function pte_alloc_one(mm: Mm): PgtableT | null {
  return __pte_alloc_one(mm, GFP_PGTABLE_USER);
}

/** include/asm-generic/pgalloc.h `pte_free(mm, pte_page)` (v6.14+): `pagetable_dtor_free(page_ptdesc(pte_page))`. */
export function pte_free(_mm: Mm | null, pte_page: PgtableT): void {
  pagetable_dtor_free(page_ptdesc(pte_page as Page));
}

/** `__pte_free_tlb(tlb, pte, address)` → `tlb_remove_ptdesc(tlb, page_ptdesc(pte))`. */
export function __pte_free_tlb(tlb: MmuGather, pte: PgtableT, _address: number): void {
  tlb_remove_ptdesc(tlb, page_ptdesc(pte as Page));
}

/** mm/mmu_gather.c `__tlb_remove_table(table)` (v6.14+, !HAVE_ARCH_TLB_REMOVE_TABLE): `pagetable_dtor_free()`. */
export function __tlb_remove_table(table: unknown): void {
  pagetable_dtor_free(table as Page);
}

/**
 * `__tlb_remove_table(table)` of arch/{arm,arm64,riscv,x86}/include/asm/tlb.h before v6.14
 * (x86 from v4.19): `free_page_and_swap_cache((struct page *)table)`. No dtor: those eras ran it
 * in `__pte_free_tlb()`, at unlink time.
 */
export function __tlb_remove_table_v6_13(table: unknown): void {
  free_page_and_swap_cache(table as Page);
}
