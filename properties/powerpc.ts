/**
 * powerpc book3s64 PTE fragments (contracts.md §1.12, §2.F C-PPC-*; B5, B6, B7):
 *
 * - C-PPC-1: a freed fragment is never handed out again (the model reports a re-hand-out in
 *   `tableHandedOut`, src/mm/memory.ts, for adapters with more than two tables per page) and
 *   `pt_frag_refcount` never goes below zero (the adapter's BUG_ON, and this monitor after every
 *   step); a fragment page is returned to the allocator only with `pt_frag_refcount == 0`.
 * - C-PPC-2: pte_free_defer() = SetPageActive + pte_fragment_free, so "whichever fragment free
 *   reaches zero sees Active" and consumes it. A page freed with PG_active still set is one
 *   whose last reference was dropped by a path that ignored the deferral (the kernel reports
 *   "BUG: Bad page state ... PAGE_FLAGS_CHECK_AT_FREE": pte_frag_destroy before March 2026).
 * - C-PPC-3: a page that saw the v3 deferral (SetPageActive by pte_free_defer) is freed only
 *   after a grace period that started after its last fragment release (the call_rcu made at
 *   that release). Pages deferred without PG_active (the superseded v2 design, C-PPC-5) are
 *   judged by C-LT-4 only: their rule is different, and they do not promise this.
 *
 * The "one call_rcu per page" half of C-PPC-3 is C-LT-7 (rcu-head property).
 */
import type { Property, PropertyMonitor } from '../src/check/property';
import type { Page } from '../src/model/types';
import type { World } from '../src/model/world';

/** What the monitor remembers of one table page allocation. */
interface Tracked {
  gen: number;
  /** SetPageActive was called on it (the v3 deferral marker). */
  active: boolean;
  /** `gpCompleted` value its free must wait for: the GP after its last fragment release. */
  releaseTarget: number | null;
  /** Its free was judged already. */
  judged: boolean;
}

interface MonitorState {
  next: number;
  pages: Map<Page, Tracked>;
}

const states = new WeakMap<World, MonitorState>();
const SET_ACTIVE = /^SetPageActive\((pt@0x[0-9a-f]+)\)$/;

/** The powerpc fragment monitor (see the file comment). */
export const powerpcMonitor: PropertyMonitor = {
  afterStep(w: World): void {
    let st = states.get(w);
    if (!st) {
      st = { next: 0, pages: new Map() };
      states.set(w, st);
    }
    const track = (p: Page): Tracked => {
      let t = st!.pages.get(p);
      if (!t || t.gen !== p.gen) {
        t = { gen: p.gen, active: false, releaseTarget: null, judged: false };
        st!.pages.set(p, t);
      }
      return t;
    };
    // SetPageActive of this step (it may be consumed within the same step, so the flag alone is not enough).
    for (; st.next < w.trace.length; st.next++) {
      const m = SET_ACTIVE.exec(w.trace[st.next]!.action);
      if (!m) continue;
      const p = w.pages.find((x) => x.use === 'table' && w.pageName(x) === m[1]);
      if (p) track(p).active = true;
    }
    for (const p of w.pages) {
      const name = w.pageName(p);
      if (p.use === 'table' && p.level === 'pte') {
        const t = track(p);
        const ref = p.pt_frag_refcount.counter;
        if (ref < 0) {
          w.violate('C-PPC-1', `pt_frag_refcount of ${name} is ${ref}: more fragment frees than fragments`);
        }
        if (t.active && ref === 0 && t.releaseTarget === null) t.releaseTarget = w.rcu.nextTarget();
        continue;
      }
      const t = st.pages.get(p);
      if (p.use !== 'free' || !t || t.gen !== p.gen || t.judged) continue;
      t.judged = true;
      if (p.active) {
        w.violate('C-PPC-2', `${name} returned to the allocator with PG_active set: the path that dropped its last fragment reference ignored pte_free_defer()'s deferral (BUG: Bad page state, PAGE_FLAGS_CHECK_AT_FREE)`);
      }
      if (p.pt_frag_refcount.counter !== 0) {
        w.violate('C-PPC-1', `${name} returned to the allocator with pt_frag_refcount ${p.pt_frag_refcount.counter}`);
      }
      if (t.active) {
        const target = t.releaseTarget ?? w.rcu.nextTarget();
        if (w.rcu.gpCompleted < target) {
          w.violate('C-PPC-3', `${name} saw pte_free_defer() (PG_active) but was freed without a grace period after its last fragment release (grace periods completed: ${w.rcu.gpCompleted}, needed: ${target})`);
        }
      }
    }
  },
};

const property: Property = {
  id: 'powerpc',
  title: 'powerpc PTE fragments: never reused, PG_active consumed by the last free, RCU after the last release',
  contracts: ['C-PPC-1', 'C-PPC-2', 'C-PPC-3'],
  appliesTo: (a) => a.arch === 'powerpc' && a.declarations.tablesPerPage > 1,
  contractApplies: (a, id) => id === 'C-PPC-1' || (a.declarations.THP && a.pte_free_defer !== undefined),
  monitor: powerpcMonitor,
};

export default property;
