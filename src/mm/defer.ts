/**
 * Calling the adapter's `pte_free_defer()` from the mm code: marks the page as deferred (the
 * grace period C-LT-4 waits for) and watches allocations inside it (C-LT-5).
 */
import type { PgtableT } from '../adapter/types';
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { callHook } from '../model/coroutine';
import { pgtableVa, tableFreeing } from './memory';

/** `pte_free_defer(mm, pgtable)` as called by khugepaged. */
export function* call_pte_free_defer(pgtable: PgtableT): Step {
  const w = current();
  const va = pgtableVa(pgtable);
  const page = w.pageOfVa(va)!;
  tableFreeing(va);
  const target = w.rcu.nextTarget();
  page.deferredAtGp = Math.max(page.deferredAtGp ?? 0, target);
  w.deferredTables.set(va, target);
  const fn = w.adapter.pte_free_defer;
  if (!fn) throw new Error(`adapter ${w.adapter.name} declares THP but provides no pte_free_defer`);
  w.cur.inDefer++;
  try {
    const table = w.ptName(va);
    w.record(() => `pte_free_defer(${table})`, table);
    yield* callHook(fn.call(w.adapter, w.mm, pgtable));
  } finally {
    w.cur.inDefer--;
  }
}
