/**
 * powerpc book3s64 PTE fragments, 2026: the ptdesc/folio form of arch/powerpc/mm/pgtable-frag.c
 * as in current mainline (torvalds/linux @00c010e1) plus Ritesh Harjani's "powerpc/pgtable-frag:
 * Fix bad page state in pte_frag_destroy" (powerpc/next fda4d71651f7, March 2026; read as applied
 * in openSUSE/kernel @1990d9df): `pte_frag_destroy` clears PG_active before the dtor + free.
 *
 * Differences from the v6.6 form (./pgtable-frag.ts) that the model can see:
 * - `pte_fragment_free`: on the last reference, `kernel || !folio_test_clear_active()` frees
 *   at once, else call_rcu (kernel tables now get the dtor too: the ctor runs for them);
 * - `pte_frag_destroy`: folio_clear_active(), then pagetable_dtor + pagetable_free, still at once.
 * Allocation (get_pte_from_cache, __alloc_for_ptecache) and the mmu_gather side are unchanged.
 * Written anew from the kernel's control flow; see docs/kernel-notes/arch-powerpc-s390-sparc.md §1.3.
 */
import {
  atomic_dec_and_test, atomic_read, atomic_sub_return, BUG_ON, call_rcu, ClearPageActive, PAGE_SIZE, pagetable_dtor,
  pagetable_free, PTE_FRAG_NR, PTE_FRAG_SIZE, SetPageActive, TestClearPageActive, virt_to_ptdesc, type Mm,
} from '../../src/kernel';
import { destroy_pagetable_cache_with, MAX_PGTABLE_INDEX_SIZE, pte_free_now, PTE_INDEX } from './pgtable-frag';

/** `pte_free_now(head)`: pagetable_dtor + pagetable_free, as in v6.6. */
export { pte_free_now };

/** `pte_fragment_free(table, kernel)` (2026). */
export function pte_fragment_free(table: number, kernel: boolean): void {
  const ptdesc = virt_to_ptdesc(table);
  // pagetable_is_reserved(): boot-time tables only, never the model's.
  BUG_ON(atomic_read(ptdesc.pt_frag_refcount) <= 0, 'pt_frag_refcount <= 0 in pte_fragment_free');
  if (atomic_dec_and_test(ptdesc.pt_frag_refcount)) {
    if (kernel || !TestClearPageActive(ptdesc)) pte_free_now(ptdesc.rcu_head);
    else call_rcu(ptdesc.rcu_head, pte_free_now);
  }
}

/** `pte_free_defer(mm, pgtable)`: folio_set_active + pte_fragment_free(pgtable, 0). */
export function pte_free_defer(_mm: Mm, pgtable: number): void {
  SetPageActive(virt_to_ptdesc(pgtable));
  pte_fragment_free(pgtable, false);
}

/** book3s64 `pgtable_free(table, index)`. */
export function pgtable_free(table: number, index: number): void {
  if (index === PTE_INDEX) pte_fragment_free(table, false);
}

/** book3s64 `__tlb_remove_table(_table)` (HAVE_ARCH_TLB_REMOVE_TABLE). */
export function __tlb_remove_table(_table: number): void {
  const index = _table % (MAX_PGTABLE_INDEX_SIZE + 1);
  pgtable_free(_table - index, index);
}

/** `pte_frag_destroy(pte_frag)` with the March 2026 fix: clear PG_active, then dtor + free at once. */
export function pte_frag_destroy(pte_frag: number): void {
  const ptdesc = virt_to_ptdesc(pte_frag);
  const count = Math.floor((pte_frag % PAGE_SIZE) / PTE_FRAG_SIZE());
  if (atomic_sub_return(PTE_FRAG_NR() - count, ptdesc.pt_frag_refcount) === 0) {
    ClearPageActive(ptdesc);
    pagetable_dtor(ptdesc);
    pagetable_free(ptdesc);
  }
}

/** `destroy_pagetable_cache(mm)`, with the fixed `pte_frag_destroy`. */
export function destroy_pagetable_cache(mm: Mm): void {
  destroy_pagetable_cache_with(pte_frag_destroy, mm);
}
