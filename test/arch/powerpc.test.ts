/**
 * powerpc book3s64 adapters: the fragment mechanics driven directly (pre-charged
 * pt_frag_refcount, never-reused fragments, PG_active and the last free, the index tag,
 * pte_frag_destroy in v6.6, 2026 and the proposed fix, the v2 PTE_FREE_DEFERRED design), B6's
 * dtor with a live reader, and every known-bad / broken variant caught with its contracts.
 */
import { runToEnd } from '../../src/model/coroutine';
import { describe, expect, it } from '@jest/globals';
import v6_6 from '../../arch/powerpc/book3s64-v6.6';
import y2026 from '../../arch/powerpc/book3s64-2026';
import { PTE_INDEX, pgtable_free_tlb } from '../../arch/powerpc/pgtable-frag';
import b5 from '../../fixtures/broken/b5-ppc-shared-rcu-head';
import b6 from '../../fixtures/broken/b6-ppc-dtor-outside-rcu';
import b7 from '../../fixtures/broken/b7-ppc-defer-own-decrement';
import recycle from '../../fixtures/broken/ppc-recycle-deferred-fragment';
import v2, { PTE_FREE_DEFERRED } from '../../fixtures/historical/ppc-v2-pte-free-deferred';
import proposed from '../../fixtures/proposed/powerpc-2026-destroy-rcu';
import { PROPERTIES } from '../../properties';
import powerpcProperty from '../../properties/powerpc';
import type { Adapter } from '../../src/adapter/types';
import { checkAdapter } from '../../src/check/checkAdapter';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import type { MapHandle } from '../../src/model/actor';
import { PAGE_SIZE, type Page } from '../../src/model/types';
import type { World } from '../../src/model/world';
import { inWorld } from '../helpers';

const NR = v6_6.declarations.tablesPerPage;
const FRAG = PAGE_SIZE / NR;
const alloc = (a: Adapter, w: World): number => runToEnd(a.pte_alloc_one(w.mm)) as number;
const pageOf = (w: World, va: number): Page => w.pageOfVa(va)!;

describe('powerpc book3s64 fragments (v6.6)', () => {
  it('carves PTE_FRAG_NR fragments from a pre-charged page through mm->context.pte_frag', () => {
    inWorld(v6_6, (w) => {
      const t0 = alloc(v6_6, w);
      const p = pageOf(w, t0);
      expect(NR).toBeGreaterThan(2);
      expect(p.pt_frag_refcount.counter).toBe(NR);
      expect(w.mm.context.pte_frag).toBe(t0 + FRAG);
      const rest = Array.from({ length: NR - 1 }, () => alloc(v6_6, w));
      expect(rest).toEqual(Array.from({ length: NR - 1 }, (_, i) => t0 + (i + 1) * FRAG));
      expect(w.mm.context.pte_frag).toBe(0); // the page is used up
      expect(p.pt_frag_refcount.counter).toBe(NR); // handing out does not change the count
      expect(pageOf(w, alloc(v6_6, w))).not.toBe(p); // a new page: fragments are never reused
      expect(p.ctorCount).toBe(1);
    });
  });

  it('the last fragment free runs pte_free_now at once, or call_rcu when PG_active (and consumes it)', () => {
    inWorld(v6_6, (w) => {
      const ts = Array.from({ length: NR }, () => alloc(v6_6, w));
      const p = pageOf(w, ts[0]!);
      for (const t of ts.slice(0, NR - 1)) runToEnd(v6_6.pte_free(w.mm, t));
      expect(p.pt_frag_refcount.counter).toBe(1);
      expect(p.use).toBe('table');
      runToEnd(v6_6.pte_free_defer!(w.mm, ts[NR - 1]!));
      expect(p.pt_frag_refcount.counter).toBe(0);
      expect(p.active).toBe(false); // TestClearPageActive by the free that reached zero
      expect(p.rcu_head.state).toBe('queued');
      expect(p.use).toBe('table');

      const qs = Array.from({ length: NR }, () => alloc(v6_6, w));
      const q = pageOf(w, qs[0]!);
      for (const t of qs) runToEnd(v6_6.pte_free(w.mm, t));
      expect(q.use).toBe('free'); // no deferral: freed by the last pte_free
      expect(q.dtorCount).toBe(1);
    });
  });

  it('pte_free_defer of a non-last fragment only sets PG_active; whichever free reaches zero defers', () => {
    inWorld(v6_6, (w) => {
      const ts = Array.from({ length: NR }, () => alloc(v6_6, w));
      const p = pageOf(w, ts[0]!);
      runToEnd(v6_6.pte_free_defer!(w.mm, ts[0]!));
      expect(p.active).toBe(true);
      expect(p.rcu_head.state).toBe('idle');
      const tlb = tlb_gather_mmu(w.mm, false);
      for (const t of ts.slice(1)) runToEnd(pgtable_free_tlb(tlb, t, PTE_INDEX));
      expect(tlb.batch!.tables).toEqual(ts.slice(1)); // PTE_INDEX = 0: queued untagged
      for (const t of ts.slice(1)) runToEnd(v6_6.__tlb_remove_table!(t + PTE_INDEX));
      expect(p.rcu_head.state).toBe('queued');
      expect(p.active).toBe(false);
    });
  });

  it('pte_frag_destroy: v6.6 frees at once with PG_active set, 2026 clears it first, the proposed fix defers', () => {
    for (const [a, active, freed] of [[v6_6, true, true], [y2026, false, true], [proposed, false, false]] as const) {
      inWorld(a, (w) => {
        const t0 = alloc(a, w);
        const p = pageOf(w, t0);
        runToEnd(a.pte_free_defer!(w.mm, t0)); // the only handed-out fragment; the cache holds the others
        expect(p.pt_frag_refcount.counter).toBe(NR - 1);
        runToEnd(a.arch_exit_mmap!(w.mm));
        expect(p.use === 'free').toBe(freed);
        expect(p.active).toBe(active);
        if (!freed) expect(p.rcu_head.state).toBe('queued');
      });
    }
  });
});

describe('historical v2 (PTE_FREE_DEFERRED) and B6', () => {
  it('v2: concurrent deferrals queue the rcu_head once and re-defer once', () => {
    inWorld(v2, (w) => {
      const [t0, t1] = [alloc(v2, w), alloc(v2, w)];
      const p = pageOf(w, t0);
      runToEnd(v2.pte_free_defer!(w.mm, t0));
      expect(p.rcu_head.state).toBe('queued');
      expect(p.pt_frag_refcount.counter).toBe(NR + PTE_FREE_DEFERRED - 1);
      runToEnd(v2.pte_free_defer!(w.mm, t1)); // head busy: only the bias
      expect(p.pt_frag_refcount.counter).toBe(NR + 2 * (PTE_FREE_DEFERRED - 1));
      const cb = w.rcu.callbacks.filter((c) => c.head === p.rcu_head);
      expect(cb).toHaveLength(1);
      p.rcu_head.state = 'running';
      w.rcu.callbacks = [];
      runToEnd(cb[0]!.fn(p.rcu_head)); // first grace period over: remove the extra bias, drop t0, re-defer
      expect(p.rcu_head.state).toBe('queued');
      expect(p.pt_frag_refcount.counter).toBe(NR - 1 + PTE_FREE_DEFERRED - 1);
    });
  });

  it('B6: the dtor at the last fragment free runs while a reader still maps the table (C-DT-1)', () => {
    inWorld(b6, (w) => {
      const ts = Array.from({ length: NR }, () => alloc(b6, w));
      const p = pageOf(w, ts[0]!);
      for (const t of ts.slice(0, NR - 1)) runToEnd(b6.pte_free(w.mm, t));
      const reader = w.actors[1]!;
      const h: MapHandle = { actor: reader.id, va: ts[NR - 1]!, page: p, gen: p.gen, ptl: p.ptl!, pmdval: ts[NR - 1]! + 1, slot: 0, api: 'map', kmapped: false };
      reader.handles.push(h);
      runToEnd(b6.pte_free_defer!(w.mm, ts[NR - 1]!));
      expect(w.violations.map((v) => v.contract)).toContain('C-DT-1');
      expect(p.use).toBe('table'); // the page itself waits for RCU: only the dtor was early
    });
  });
});

describe('powerpc known-bad adapters and broken fixtures', () => {
  // v6.6's C-PPC-2 is first found at 358 runs (seed 1) with twin ops on the neighbour pmd.
  const cases: [Adapter, number][] = [[v6_6, 1000], [y2026, 300], [b5, 300], [b6, 1000], [b7, 300], [recycle, 1500]];
  for (const [a, runs] of cases) {
    it(`${a.name} → ${a.knownBad!.contracts.join(', ')}`, () => {
      const props = PROPERTIES.filter((p) => p.contracts.some((c) => a.knownBad!.contracts.includes(c)));
      const { result } = checkAdapter(a, props, { runs, seed: 1, adapterRef: a.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).sort()).toEqual([...a.knownBad!.contracts].sort());
    });
  }
  for (const a of [v2, proposed]) {
    it(`${a.name} conforms (150 runs)`, () => {
      const { result } = checkAdapter(a, PROPERTIES, { runs: 150, seed: 3, adapterRef: a.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
    });
  }
  it('the powerpc property applies to fragment adapters only', () => {
    expect(powerpcProperty.appliesTo(v6_6)).toBe(true);
    expect(powerpcProperty.appliesTo({ ...v6_6, arch: 's390' })).toBe(false);
  });
});
