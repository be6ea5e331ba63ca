/**
 * Generic kernel helpers adapters reuse, as the kernel's arches include them:
 * include/asm-generic/pgalloc.h (`__pte_alloc_one`, `pte_free`) and mm/pgtable-generic.c
 * (`pte_free_defer`, `pte_free_now`, v6.6+).
 */
import type { PgtableT } from '../adapter/types';
import type { Mm } from '../model/mm';
import type { Page, RcuHead } from '../model/types';
import { current } from '../model/world';
import { GFP_PGTABLE_USER, pagetable_alloc, pagetable_dtor, pagetable_free, pagetable_pte_ctor, type Ptdesc } from './page';
import { call_rcu, rcu_head_page } from './sync';

/** include/asm-generic/pgalloc.h `__pte_alloc_one(mm, gfp)`: pagetable_alloc + pagetable_pte_ctor. */
export function __pte_alloc_one(mm: Mm | null, gfp = GFP_PGTABLE_USER): Ptdesc | null {
  void mm;
  const ptdesc = pagetable_alloc(gfp, 0);
  if (!pagetable_pte_ctor(ptdesc)) {
    pagetable_free(ptdesc);
    return null;
  }
  return ptdesc;
}

/** include/asm-generic/pgalloc.h `pte_free(mm, pte_page)`: pagetable_dtor + pagetable_free. */
export function generic_pte_free(mm: Mm | null, pte_page: PgtableT): void {
  void mm;
  const ptdesc = pte_page as Ptdesc;
  pagetable_dtor(ptdesc);
  pagetable_free(ptdesc);
}

/** mm/pgtable-generic.c `pte_free_now(head)`: `pte_free(NULL, page)` (the mm is "not passed and not used"). */
export function pte_free_now(head: RcuHead): void {
  const page: Page = rcu_head_page(head);
  current().adapter.pte_free(null, page);
}

/** mm/pgtable-generic.c `pte_free_defer(mm, pgtable)` (v6.6, CONFIG_TRANSPARENT_HUGEPAGE): call_rcu on the page's rcu_head. */
export function generic_pte_free_defer(mm: Mm, pgtable: PgtableT): void {
  void mm;
  const page = pgtable as Page;
  call_rcu(page.rcu_head, pte_free_now);
}
