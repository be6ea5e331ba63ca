/**
 * sparc64 page tables: arch/sparc/mm/init_64.c (`pte_alloc_one`, `__pte_free`, `pte_free`,
 * `pgtable_free`, `pte_free_now`, `pte_free_defer`), arch/sparc/include/asm/pgalloc_64.h
 * (`pgtable_free_tlb`, `__tlb_remove_table` with the `is_page` tag in bit 0, `__pte_free_tlb`,
 * `pmd_alloc_one` and `__pmd_free_tlb`: the PMD table is a `pgtable_cache` object)
 * and arch/sparc/mm/tlb.c `tlb_batch_pmd_scan` (which maps a table from a stack copy of the pmd).
 * v6.6 (deepin-community/kernel @3fc6f5a1, Makefile 6.6.7) and 2026 (linux-mm @293098ce) forms;
 * docs/kernel-notes/arch-powerpc-s390-sparc.md §3.1-3.2. Written anew in TypeScript.
 *
 * `pgtable_t` is `pte_t *`: the table's kernel virtual address, one table per page. The is_page
 * tag is added and removed arithmetically (addresses exceed 2^32).
 */
import {
  call_rcu, GFP_KERNEL, kmem_cache_alloc, kmem_cache_free, page_address, pgtable_cache, pagetable_alloc, pagetable_dtor, pagetable_free, pagetable_pte_ctor,
  ptdesc_address, pte_offset_map, pte_offset_map_copy, pte_unmap, ptep_get, PTRS_PER_PTE, rcu_head_page, tlb_remove_table, virt_to_page,
  virt_to_ptdesc, type MapHandle, type Mm, type MmuGather, type RcuHead,
} from '../../src/kernel';
import { tlb_batch_add_one } from './tlb';

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

/** `pgtable_free(table, is_page)`: PTE pages via __pte_free; PMD/PUD objects back to pgtable_cache. */
export function pgtable_free(table: number, is_page: boolean): void {
  if (is_page) __pte_free(table);
  else kmem_cache_free(pgtable_cache, table);
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

/** pgalloc_64.h `pmd_alloc_one(mm, addr)`: a `pgtable_cache` object (no ctor). */
export function pmd_alloc_one(mm: Mm): number {
  void mm;
  return kmem_cache_alloc(pgtable_cache, GFP_KERNEL);
}

/** pgalloc_64.h `#define __pmd_free_tlb(tlb, pmd, addr)` → pgtable_free_tlb(tlb, pmd, false). */
export function __pmd_free_tlb(tlb: MmuGather, pmd: number): void {
  pgtable_free_tlb(tlb, pmd, false);
}

/**
 * arch/sparc/mm/tlb.c `tlb_batch_pmd_scan(mm, vaddr, pmd)`: map the old table from the stack copy
 * `pmd` of the pmd, give up if it is not a table (NULL), queue a flush for each valid pte, unmap.
 */
export function tlb_batch_pmd_scan(mm: Mm, slot: number, pmd: number): void {
  const pte = pte_offset_map_copy(mm, slot, pmd);
  if (!pte) return;
  tlb_batch_scan_ptes(mm, slot, pte);
  pte_unmap(pte);
}

/**
 * The loop of `tlb_batch_pmd_scan()`: `tlb_batch_add_one()` for each pte with _PAGE_VALID, one
 * page at a time to the end of the pmd's range (virtual addresses are the model's page numbers).
 */
export function tlb_batch_scan_ptes(mm: Mm, slot: number, pte: MapHandle): void {
  let vaddr = slot * PTRS_PER_PTE();
  const end = vaddr + PTRS_PER_PTE();
  let i = 0;
  while (vaddr < end) {
    if (ptep_get(pte, i).k === 'present') tlb_batch_add_one(mm, vaddr);
    i++;
    vaddr++;
  }
}

/**
 * The model's arch walker (the walker op's `arch_walk`): `tlb_batch_pmd_scan()`'s map, scan and
 * unmap on the table *pmd points to now (the kernel scans only a table being replaced, from
 * `__set_pmd_acct()`; this exercises the same map / NULL / unmap contract on a live table).
 */
export function tlb_batch_pmd_scan_live(mm: Mm, slot: number): void {
  const pte = pte_offset_map(mm, slot);
  if (!pte) return;
  tlb_batch_scan_ptes(mm, slot, pte);
  pte_unmap(pte);
}

/**
 * arch/sparc/mm/tlb.c `__set_pmd_acct(mm, addr, orig, pmd)`, as `pmdp_collapse_flush()` reaches it
 * (sparc64 `pmdp_huge_get_and_clear()` is `set_pmd_at(mm, addr, pmdp, __pmd(0))`): the old value
 * is a table there, so only the `tlb_batch_pmd_scan()` branch is taken. The THP/hugetlb
 * accounting of `_PAGE_PMD_HUGE` changes, the `!pmd_none(orig)` test and the
 * `pmd_trans_huge(orig)` branch (two `tlb_batch_add_one()` of the REAL_HPAGE halves) are not
 * reached by the model.
 */
export function __set_pmd_acct(mm: Mm, slot: number, orig: number): void {
  tlb_batch_pmd_scan(mm, slot, orig);
}
