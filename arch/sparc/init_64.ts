/**
 * sparc64 PTE tables: arch/sparc/mm/init_64.c (`pte_alloc_one`, `__pte_free`, `pte_free`,
 * `pgtable_free`, `pte_free_now`, `pte_free_defer`), arch/sparc/include/asm/pgalloc_64.h
 * (`pgtable_free_tlb`, `__tlb_remove_table` with the `is_page` tag in bit 0, `__pte_free_tlb`)
 * and arch/sparc/mm/tlb.c `tlb_batch_pmd_scan` (which maps a table from a stack copy of the pmd).
 * v6.6 (deepin-community/kernel @3fc6f5a1, Makefile 6.6.7) and 2026 (linux-mm @293098ce) forms;
 * docs/kernel-notes/arch-powerpc-s390-sparc.md §3.1-3.2. Written anew in TypeScript.
 *
 * `pgtable_t` is `pte_t *`: the table's kernel virtual address, one table per page. The is_page
 * tag is added and removed arithmetically (addresses exceed 2^32).
 */
import {
  call_rcu, GFP_KERNEL, page_address, pagetable_alloc, pagetable_dtor, pagetable_free, pagetable_pte_ctor,
  ptdesc_address, pte_offset_map, pte_unmap, ptep_get, PTRS_PER_PTE, rcu_head_page, tlb_remove_table, virt_to_page,
  virt_to_ptdesc, type Mm, type MmuGather, type RcuHead,
} from '../../src/kernel';

/** `pte_alloc_one(mm)`: pagetable_alloc(GFP_KERNEL | __GFP_ZERO) + pagetable_pte_ctor; the table's address. */
export function pte_alloc_one(mm: Mm): number | null {
  void mm;
  const ptdesc = pagetable_alloc(GFP_KERNEL, 0);
  if (!pagetable_pte_ctor(ptdesc)) {
    pagetable_free(ptdesc);
    return null;
  }
  return ptdesc_address(ptdesc);
}

/** static `__pte_free(pte)`: the dtor site of sparc64 PTE pages (pagetable_pte_dtor in v6.6, pagetable_dtor in 2026). */
export function __pte_free(pte: number): void {
  const ptdesc = virt_to_ptdesc(pte);
  pagetable_dtor(ptdesc);
  pagetable_free(ptdesc);
}

/** `pte_free(mm, pte)`. */
export function pte_free(mm: Mm | null, pte: number): void {
  void mm;
  __pte_free(pte);
}

/** `pgtable_free(table, is_page)`: PTE pages via __pte_free; PMD/PUD objects (not in the model) to pgtable_cache. */
export function pgtable_free(table: number, is_page: boolean): void {
  if (is_page) __pte_free(table);
  else throw new Error('sparc64 pgtable_free: the model has no PMD/PUD tables (kmem_cache_free(pgtable_cache))');
}

/** `pte_free_now(head)` (CONFIG_TRANSPARENT_HUGEPAGE): back from struct page to pte_t *. */
export function pte_free_now(head: RcuHead): void {
  const page = rcu_head_page(head);
  __pte_free(page_address(page));
}

/** `pte_free_defer(mm, pgtable)`: virt_to_page, then call_rcu on the page's rcu_head. */
export function pte_free_defer(mm: Mm, pgtable: number): void {
  void mm;
  const page = virt_to_page(pgtable);
  call_rcu(page.rcu_head, pte_free_now);
}

/** pgalloc_64.h (CONFIG_SMP) `pgtable_free_tlb(tlb, table, is_page)`: tag bit 0 for a PTE page. */
export function pgtable_free_tlb(tlb: MmuGather, table: number, is_page: boolean): void {
  tlb_remove_table(tlb, table + (is_page ? 0x1 : 0));
}

/** pgalloc_64.h (CONFIG_SMP) `__tlb_remove_table(_table)`. */
export function __tlb_remove_table(_table: number): void {
  const is_page = _table % 2 === 1;
  pgtable_free(_table - (is_page ? 0x1 : 0), is_page);
}

/** `__pte_free_tlb(tlb, pte, addr)` → pgtable_free_tlb(tlb, pte, true). */
export function __pte_free_tlb(tlb: MmuGather, pte: number): void {
  pgtable_free_tlb(tlb, pte, true);
}

/**
 * arch/sparc/mm/tlb.c `tlb_batch_pmd_scan(mm, vaddr, pmd)`: map the old table from the pmd value,
 * give up if it is not a table any more (NULL), queue a flush for each valid pte, unmap.
 */
export function tlb_batch_pmd_scan(mm: Mm, slot: number): void {
  const pte = pte_offset_map(mm, slot);
  if (!pte) return;
  for (let i = 0; i < PTRS_PER_PTE(); i++) ptep_get(pte, i);
  pte_unmap(pte);
}
