/**
 * Generic kernel helpers adapters reuse, as the kernel's arches include them:
 * include/asm-generic/pgalloc.h (`__pte_alloc_one`, `pte_free`) and mm/pgtable-generic.c
 * (`pte_free_defer`, `pte_free_now`, v6.6+).
 *
 * They are hook code, so they are coroutines like transformed adapter code
 * (`src/model/coroutine.ts`): each bare `yield` is the preemption point of the primitive after
 * it (another CPU may run there), exactly where the adapter face of that primitive would end
 * the step.
 */
import type { PgtableT } from '../adapter/types';
import type { Step } from '../model/actor';
import type { Mm } from '../model/mm';
import type { Page, RcuHead } from '../model/types';
import { current } from '../model/world';
import { GFP_PGTABLE_USER, pagetable_alloc, pagetable_dtor, pagetable_free, pagetable_pte_ctor, type Ptdesc } from './page';
import { call_rcu, rcu_head_page } from './sync';

/** include/asm-generic/pgalloc.h `__pte_alloc_one(mm, gfp)`: pagetable_alloc + pagetable_pte_ctor. */
function* pte_alloc_one_co(mm: Mm | null, gfp = GFP_PGTABLE_USER): Step<Ptdesc | null> {
  void mm;
  yield;
  const ptdesc = pagetable_alloc(gfp, 0);
  yield;
  if (!pagetable_pte_ctor(ptdesc)) {
    yield;
    pagetable_free(ptdesc);
    return null;
  }
  return ptdesc;
}

/** include/asm-generic/pgalloc.h `pte_free(mm, pte_page)`: pagetable_dtor + pagetable_free. */
function* pte_free_co(mm: Mm | null, pte_page: PgtableT): Step {
  void mm;
  const ptdesc = pte_page as Ptdesc;
  yield;
  pagetable_dtor(ptdesc);
  yield;
  pagetable_free(ptdesc);
}

/** mm/pgtable-generic.c `pte_free_now(head)`: `pte_free(NULL, page)` (the mm is "not passed and not used"). */
export function pte_free_now(head: RcuHead): unknown {
  const page: Page = rcu_head_page(head);
  return current().adapter.pte_free(null, page);
}

/** mm/pgtable-generic.c `pte_free_defer(mm, pgtable)` (v6.6, CONFIG_TRANSPARENT_HUGEPAGE): call_rcu on the page's rcu_head. */
function* pte_free_defer_co(mm: Mm, pgtable: PgtableT): Step {
  void mm;
  const page = pgtable as Page;
  yield;
  call_rcu(page.rcu_head, pte_free_now);
}

/** include/asm-generic/pgalloc.h `__pte_alloc_one(mm, gfp)`: pagetable_alloc + pagetable_pte_ctor. */
export const __pte_alloc_one = pte_alloc_one_co as unknown as (mm: Mm | null, gfp?: string) => Ptdesc | null;
/** include/asm-generic/pgalloc.h `pte_free(mm, pte_page)`: pagetable_dtor + pagetable_free. */
export const generic_pte_free = pte_free_co as unknown as (mm: Mm | null, pte_page: PgtableT) => void;
/** mm/pgtable-generic.c `pte_free_defer(mm, pgtable)` (v6.6, CONFIG_TRANSPARENT_HUGEPAGE): call_rcu on the page's rcu_head. */
export const generic_pte_free_defer = pte_free_defer_co as unknown as (mm: Mm, pgtable: PgtableT) => void;
