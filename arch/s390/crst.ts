/**
 * s390 CRST (region and segment) tables as PMD tables, v6.6: arch/s390/mm/pgalloc.c
 * `crst_table_alloc` / `crst_table_free`, arch/s390/include/asm/pgalloc.h `pmd_alloc_one` and
 * arch/s390/include/asm/tlb.h `pmd_free_tlb` of Linux v6.6 (after Vishal Moola's ptdesc
 * conversion). The freed table goes to `tlb_remove_table()` untagged (half 0), which
 * ./pgalloc-frag.ts `__tlb_remove_table()` returns with `pagetable_free()`.
 *
 * Where the model simplifies: a CRST table is order 2 (16K, CRST_ALLOC_ORDER) and gets
 * `arch_set_page_dat()`; the model hands out one page and has no DAT bits; `crst_table_init()`
 * has nothing to fill (the model's pmd entries live in `mm.pmds`); the mm always has four or
 * more levels, so `mm_pmd_folded()` is false and left out.
 */
import {
  __model_world, __tlb_adjust_range, GFP_KERNEL, PAGE_SIZE, pagetable_alloc, pagetable_free, pagetable_pmd_ctor,
  pagetable_pmd_dtor, ptdesc_address, tlb_remove_table, virt_to_ptdesc, type Mm, type MmuGather,
} from '../../src/kernel';

/** CRST_ALLOC_ORDER (asm/pgalloc.h): a CRST table is four pages. */
const CRST_ALLOC_ORDER = 2;

/** pgalloc.c `crst_table_alloc(mm)`: pagetable_alloc(GFP_KERNEL, CRST_ALLOC_ORDER); the table's address. */
export function crst_table_alloc(mm: Mm): number {
  void mm;
  const ptdesc = pagetable_alloc(GFP_KERNEL, CRST_ALLOC_ORDER);
  return ptdesc_address(ptdesc);
}

/** pgalloc.c `crst_table_free(mm, table)`. */
export function crst_table_free(mm: Mm, table: number): void {
  void mm;
  pagetable_free(virt_to_ptdesc(table));
}

/** pgalloc.h `pmd_alloc_one(mm, vmaddr)`: a CRST table with the pmd ctor. */
export function pmd_alloc_one(mm: Mm): number | null {
  const table = crst_table_alloc(mm);
  if (!pagetable_pmd_ctor(virt_to_ptdesc(table))) {
    crst_table_free(mm, table);
    return null;
  }
  return table;
}

/**
 * tlb.h `pmd_free_tlb(tlb, pmd, address)`: the pmd dtor, then as pte_free_tlb (range, flush_mm,
 * freed_tables; cleared_puds is not modelled) and the table to tlb_remove_table() with half 0.
 */
export function pmd_free_tlb(tlb: MmuGather, pmd: number, address: number): void {
  pagetable_pmd_dtor(virt_to_ptdesc(pmd));
  __tlb_adjust_range(tlb, address, PAGE_SIZE);
  tlb.mm.context.flush_mm = true;
  __model_world().record('tlb->mm->context.flush_mm = 1');
  tlb.freed_tables = true;
  tlb_remove_table(tlb, pmd);
}
