/**
 * The powerpc book3s64 adapter hooks, as arch/powerpc/include/asm/book3s/64/pgalloc.h defines
 * them in every era: `pte_alloc_one(mm)` is `(pgtable_t)pte_fragment_alloc(mm, 0)`,
 * `pte_free(mm, ptepage)` is `pte_fragment_free((unsigned long *)ptepage, 0)`,
 * `__pte_free_tlb(tlb, table, address)` is `pgtable_free_tlb(tlb, table, PTE_INDEX)`;
 * `pte_free_defer` is pgtable-frag.c's, `__tlb_remove_table` arch/powerpc/mm/book3s64/pgtable.c's,
 * and `arch_exit_mmap()` calls `destroy_pagetable_cache()` (`pte_frag_destroy()`). Only the
 * pgtable-frag.c functions they call change from era to era (./pgtable-frag.ts, ./pgtable-frag-2026.ts).
 */
import type { Mm } from '../../src/kernel';
import type { AdapterHooks } from '../../src/adapter/types';
import { pgtable_free_tlb, pte_fragment_alloc, PTE_INDEX } from './pgtable-frag';

/** The pgtable-frag.c / book3s64 pgtable.c functions of one era that the hooks call. */
export interface PteFragments {
  pte_fragment_free(table: number, kernel: boolean): void;
  pte_free_defer(mm: Mm, pgtable: number): void;
  __tlb_remove_table(table: number): void;
  destroy_pagetable_cache(mm: Mm): void;
}

/** The hooks of a book3s64 adapter whose era's fragment functions are `era`. */
export function book3s64_pte_hooks(
  era: PteFragments,
): Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb' | '__tlb_remove_table' | 'arch_exit_mmap'> {
  return {
    /* book3s/64/pgalloc.h: pte_alloc_one() → (pgtable_t)pte_fragment_alloc(mm, 0) */
    pte_alloc_one(mm) {
      return pte_fragment_alloc(mm);
    },
    /* book3s/64/pgalloc.h: pte_free() → pte_fragment_free((unsigned long *)ptepage, 0) */
    pte_free(_mm, ptepage) {
      era.pte_fragment_free(ptepage as number, false);
    },
    pte_free_defer(mm, pgtable) {
      era.pte_free_defer(mm, pgtable as number);
    },
    /* book3s/64/pgalloc.h: __pte_free_tlb() → pgtable_free_tlb(tlb, table, PTE_INDEX) */
    __pte_free_tlb(tlb, table) {
      pgtable_free_tlb(tlb, table as number, PTE_INDEX);
    },
    __tlb_remove_table(table) {
      era.__tlb_remove_table(table as number);
    },
    /* arch_exit_mmap() → destroy_pagetable_cache() → pte_frag_destroy() */
    arch_exit_mmap(mm) {
      era.destroy_pagetable_cache(mm);
    },
  };
}
