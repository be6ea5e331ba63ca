/**
 * The s390 adapter hooks, as arch/s390/include/asm/pgalloc.h and asm/tlb.h define them in every
 * era: `pte_alloc_one(mm)` is `(pgtable_t)page_table_alloc(mm)`, `pte_free(mm, pte)` is
 * `page_table_free(mm, (unsigned long *)pte)`, `__pte_free_tlb(tlb, pte, addr)` is
 * `pte_free_tlb(tlb, pte, addr)`; `pte_free_defer` and (where the arch has its own)
 * `__tlb_remove_table` are arch/s390/mm/pgalloc.c's. Only the pgalloc.c functions they call
 * change from era to era.
 */
import type { Mm, MmuGather } from '../../src/kernel';
import type { AdapterHooks } from '../../src/adapter/types';

/** The arch/s390/mm/pgalloc.c and asm/tlb.h functions of one era that the hooks call. */
export interface S390Pgalloc {
  page_table_alloc(mm: Mm): number | null;
  page_table_free(mm: Mm | null, table: number): void;
  pte_free_defer(mm: Mm, pgtable: number): void;
  pte_free_tlb(tlb: MmuGather, pte: number, address: number): void;
  /** The arch's own `__tlb_remove_table` (absent from v6.14 on: the generic one is used). */
  __tlb_remove_table?(table: number): void;
}

/** The hooks of an s390 adapter whose era's pgalloc.c functions are `era`. */
export function s390_pte_hooks(era: S390Pgalloc): Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb' | '__tlb_remove_table'> {
  const hooks: Pick<AdapterHooks, 'pte_alloc_one' | 'pte_free' | 'pte_free_defer' | '__pte_free_tlb'> = {
    /* asm/pgalloc.h: pte_alloc_one(mm) → (pte_t *)page_table_alloc(mm) */
    pte_alloc_one(mm) {
      return era.page_table_alloc(mm);
    },
    /* asm/pgalloc.h: #define pte_free(mm, pte) page_table_free(mm, (unsigned long *) pte) */
    pte_free(mm, pte) {
      era.page_table_free(mm, pte as number);
    },
    pte_free_defer(mm, pgtable) {
      era.pte_free_defer(mm, pgtable as number);
    },
    /* asm/tlb.h: __pte_free_tlb → pte_free_tlb(tlb, pte, address) */
    __pte_free_tlb(tlb, pte, address) {
      era.pte_free_tlb(tlb, pte as number, address);
    },
  };
  const arch_tlb_remove_table = era.__tlb_remove_table;
  if (!arch_tlb_remove_table) return hooks;
  return {
    ...hooks,
    __tlb_remove_table(table) {
      arch_tlb_remove_table(table as number);
    },
  };
}
