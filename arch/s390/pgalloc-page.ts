/**
 * s390 whole 4K PTE tables (about v6.10 on): the arch/s390/mm/pgalloc.c functions that read the
 * same from the whole-page switch (v6.13 adapter) or from Qi Zheng's series (v6.14) to the
 * linux-mm tree of 2026 (docs/kernel-notes/arch-powerpc-s390-sparc.md §2.3-2.4). The eras'
 * `pte_free_defer` and asm/tlb.h `pte_free_tlb` differ and stay in their adapters.
 */
import {
  pagetable_alloc, pagetable_dtor_free, pagetable_free, pagetable_pte_ctor, ptdesc_address, rcu_head_page, virt_to_ptdesc,
  GFP_KERNEL, type Mm, type RcuHead,
} from '../../src/kernel';

/**
 * `page_table_alloc(mm)` (v6.10 .. 2026): a fresh page (GFP_KERNEL_ACCOUNT, minus __GFP_ACCOUNT
 * for kernel mms), `pagetable_pte_ctor(mm, ptdesc)`, freed again if the ctor fails. pt_list is
 * used by gmap only; `__arch_set_page_dat(table, 1)`, `INIT_LIST_HEAD(&ptdesc->pt_list)` and
 * `memset64(...)` have nothing to model (the model's table is already empty).
 */
export function page_table_alloc(mm: Mm): number | null {
  void mm;
  const ptdesc = pagetable_alloc(GFP_KERNEL, 0);
  if (!pagetable_pte_ctor(ptdesc)) {
    pagetable_free(ptdesc);
    return null;
  }
  return ptdesc_address(ptdesc);
}

/** `page_table_free(mm, table)` (v6.14+): reserved (boot) tables aside, `pagetable_dtor_free`. */
export function page_table_free(mm: Mm | null, table: number): void {
  void mm;
  pagetable_dtor_free(virt_to_ptdesc(table));
}

/** `pte_free_now(head)` (v6.14+, CONFIG_TRANSPARENT_HUGEPAGE): `pagetable_dtor_free`. */
export function pte_free_now(head: RcuHead): void {
  pagetable_dtor_free(rcu_head_page(head));
}
