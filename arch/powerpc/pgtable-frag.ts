/**
 * powerpc book3s64 PTE fragments: arch/powerpc/mm/pgtable-frag.c (v6.6: pte_fragment_alloc,
 * get_pte_from_cache, __alloc_for_ptecache, pte_fragment_free, pte_free_now, pte_free_defer
 * with PageActive) and arch/powerpc/mm/book3s64/pgtable.c (pgtable_free, __tlb_remove_table
 * decoding the index from the pointer's low bits, pte_frag_destroy).
 * Written anew from the kernel's control flow; see docs/kernel-notes/arch-powerpc-s390-sparc.md.
 */
import {
  atomic_dec_and_test, atomic_read, atomic_set, atomic_sub_return, BUG_ON, call_rcu, GFP_PGTABLE_USER,
  page_address, PAGE_SIZE, pagetable_alloc, pagetable_dtor, pagetable_free, pagetable_pte_ctor, PTE_FRAG_NR,
  PTE_FRAG_SIZE, rcu_head_page, SetPageActive, spin_lock, spin_unlock, TestClearPageActive, tlb_remove_table,
  virt_to_page, type MmuGather, type Mm, type RcuHead,
} from '../../src/kernel';

/** Table level encoded in the low bits of a pointer given to tlb_remove_table (book3s64 pgalloc.h). */
export const PTE_INDEX = 0;
/** MAX_PGTABLE_INDEX_SIZE: the mask of the index bits. */
export const MAX_PGTABLE_INDEX_SIZE = 0xf;

/** get_pte_from_cache(mm): the next fragment of the mm's current page, under page_table_lock. */
function get_pte_from_cache(mm: Mm): number | null {
  if (PTE_FRAG_NR() === 1) return null;
  spin_lock(mm.page_table_lock);
  const ret = mm.context.pte_frag;
  if (ret) {
    let pte_frag = ret + PTE_FRAG_SIZE();
    // If we have taken up all the fragments mark PTE page NULL.
    if (pte_frag % PAGE_SIZE === 0) pte_frag = 0;
    mm.context.pte_frag = pte_frag;
  }
  spin_unlock(mm.page_table_lock);
  return ret || null;
}

/** __alloc_for_ptecache(mm, kernel): a new page; its other fragments go to the mm's cache. */
function __alloc_for_ptecache(mm: Mm): number | null {
  const ptdesc = pagetable_alloc(GFP_PGTABLE_USER, 0);
  if (!pagetable_pte_ctor(ptdesc)) {
    pagetable_free(ptdesc);
    return null;
  }
  atomic_set(ptdesc.pt_frag_refcount, 1);
  const ret = page_address(ptdesc);
  if (PTE_FRAG_NR() === 1) return ret;
  spin_lock(mm.page_table_lock);
  if (!mm.context.pte_frag) {
    atomic_set(ptdesc.pt_frag_refcount, PTE_FRAG_NR());
    mm.context.pte_frag = ret + PTE_FRAG_SIZE();
  }
  spin_unlock(mm.page_table_lock);
  return ret;
}

/** pte_fragment_alloc(mm, kernel). */
export function pte_fragment_alloc(mm: Mm): number | null {
  const pte = get_pte_from_cache(mm);
  if (pte) return pte;
  return __alloc_for_ptecache(mm);
}

/** pte_free_now(head): dtor + free, from the RCU callback or directly. */
export function pte_free_now(head: RcuHead): void {
  const ptdesc = rcu_head_page(head);
  pagetable_dtor(ptdesc);
  pagetable_free(ptdesc);
}

/** pte_fragment_free(table, kernel) (v6.6): release one fragment; the last one frees the page (RCU if Active). */
export function pte_fragment_free(table: number, kernel: boolean): void {
  const ptdesc = virt_to_page(table);
  BUG_ON(atomic_read(ptdesc.pt_frag_refcount) <= 0, `pt_frag_refcount <= 0 in pte_fragment_free`);
  if (atomic_dec_and_test(ptdesc.pt_frag_refcount)) {
    if (kernel) pagetable_free(ptdesc);
    else if (TestClearPageActive(ptdesc)) call_rcu(ptdesc.rcu_head, pte_free_now);
    else pte_free_now(ptdesc.rcu_head);
  }
}

/** pte_free_defer(mm, pgtable) (v6.6, CONFIG_TRANSPARENT_HUGEPAGE): SetPageActive + pte_fragment_free. */
export function pte_free_defer(_mm: Mm, pgtable: number): void {
  const page = virt_to_page(pgtable);
  SetPageActive(page);
  pte_fragment_free(pgtable, false);
}

/** pgtable_free(table, index) (book3s64): PTE_INDEX → pte_fragment_free(table, 0). */
export function pgtable_free(table: number, index: number): void {
  if (index === PTE_INDEX) pte_fragment_free(table, false);
}

/** pgtable_free_tlb(tlb, table, index): tag the index into the low bits and tlb_remove_table. */
export function pgtable_free_tlb(tlb: MmuGather, table: number, index: number): void {
  // Addresses exceed 2^32: JavaScript's bitwise operators would truncate them, so add.
  tlb_remove_table(tlb, table + index);
}

/** __tlb_remove_table(_table) (book3s64): decode the index from the low bits. */
export function __tlb_remove_table(_table: number): void {
  const index = _table % (MAX_PGTABLE_INDEX_SIZE + 1);
  const table = _table - index;
  pgtable_free(table, index);
}

/** pte_frag_destroy(pte_frag) (v6.6): drop the references of the fragments never handed out. */
export function pte_frag_destroy(pte_frag: number): void {
  const ptdesc = virt_to_page(pte_frag);
  const count = Math.floor((pte_frag % PAGE_SIZE) / PTE_FRAG_SIZE());
  if (atomic_sub_return(PTE_FRAG_NR() - count, ptdesc.pt_frag_refcount) === 0) {
    pagetable_dtor(ptdesc);
    pagetable_free(ptdesc);
  }
}

/**
 * book3s64 `destroy_pagetable_cache(mm)` (the same in every era) with the era's
 * `pte_frag_destroy`: drop the mm's cached fragment page, then forget it.
 */
export function destroy_pagetable_cache_with(pte_frag_destroy: (pte_frag: number) => void, mm: Mm): void {
  const frag = mm.context.pte_frag;
  if (frag) pte_frag_destroy(frag);
  mm.context.pte_frag = 0;
}

/** destroy_pagetable_cache(mm), called from arch_exit_mmap(). */
export function destroy_pagetable_cache(mm: Mm): void {
  destroy_pagetable_cache_with(pte_frag_destroy, mm);
}
