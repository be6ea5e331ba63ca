/**
 * sparc64 pte_free_defer (contracts.md §1.13, §2.F C-SPARC-1): `pgtable_t` is `pte_t *`, so
 * pte_free_defer() converts with virt_to_page() to queue the page's rcu_head, and the callback
 * converts back with page_address() to __pte_free() that very table. One table per page, so one
 * rcu_head use per table (C-LT-7 watches double queueing) and the free after one grace period
 * (C-LT-4 watches "not before"). This monitor checks the other half: the deferred table *is*
 * freed by that callback, i.e. once its rcu_head has been queued and its callback has run (or
 * once RCU is idle after the grace period, if nothing was queued on it), the table's page is no
 * longer allocated. A wrong conversion frees something else and leaks the table.
 */
import type { Property, PropertyMonitor } from '../src/check/property';
import type { Page } from '../src/model/types';
import type { World } from '../src/model/world';

interface Deferred {
  gen: number;
  queued: boolean;
}

const states = new WeakMap<World, Map<Page, Deferred>>();

/** The C-SPARC-1 monitor. */
export const sparcMonitor: PropertyMonitor = {
  afterStep(w: World): void {
    let st = states.get(w);
    if (!st) {
      st = new Map();
      states.set(w, st);
    }
    for (const p of w.pages) {
      if (p.deferredAtGp === null || p.use !== 'table') continue;
      let d = st.get(p);
      if (!d || d.gen !== p.gen) {
        d = { gen: p.gen, queued: false };
        st.set(p, d);
      }
      if (p.rcu_head.state === 'queued') {
        d.queued = true;
        continue;
      }
      // The callback is running (its steps interleave with the CPUs): judged when it returns.
      if (p.rcu_head.state === 'running') continue;
      const name = w.pageName(p);
      if (d.queued) {
        w.violate('C-SPARC-1', `the RCU callback queued on ${name}'s rcu_head by pte_free_defer() ran, but the table is still allocated: pte_free_now() did not __pte_free(page_address(page))`);
      } else if (w.rcu.gpCompleted >= p.deferredAtGp && w.rcu.idle() && !w.tasks.some((a) => a.inDefer > 0)) {
        // (Judged once no pte_free_defer() is still running: inside one, the CPU may be
        // preempted before its call_rcu() while other grace periods end.)
        w.violate('C-SPARC-1', `${name} was given to pte_free_defer(), its grace period is over and RCU is idle, but nothing was queued on its rcu_head and it is still allocated (pte_t * not converted with virt_to_page?)`);
      }
    }
  },
};

const property: Property = {
  id: 'sparc',
  title: 'sparc64 pte_free_defer: pte_t * pgtable_t converted with virt_to_page / page_address, table freed after one grace period',
  contracts: ['C-SPARC-1'],
  appliesTo: (a) => a.arch === 'sparc' && a.declarations.pgtableIsPtePointer && a.declarations.THP && a.pte_free_defer !== undefined,
  monitor: sparcMonitor,
};

export default property;
