/**
 * sparc adapters: sparc64's pte_t * pgtable_t (the is_page tag, virt_to_page / page_address in
 * pte_free_defer), sparc32's nocache-pool chunks (ctor/dtor on the first/last user table of a
 * page, the chunk leaked when the ctor fails), and the known-bad / broken variants.
 */
import { runToEnd } from '../../src/model/coroutine';
import { describe, expect, it } from '@jest/globals';
import sparc64_v6_6 from '../../arch/sparc/sparc64-v6.6';
import sparc64_2026 from '../../arch/sparc/sparc64-2026';
import sparc32 from '../../arch/sparc/sparc32-v6.6';
import { pgtable_free_tlb } from '../../arch/sparc/init_64';
import structPage from '../../fixtures/broken/sparc64-pte-free-now-struct-page';
import genericDefer from '../../fixtures/broken/sparc64-generic-pte-free-defer';
import noFlushPending from '../../fixtures/broken/sparc64-no-flush-pending';
import { PROPERTIES } from '../../properties';
import sparcProperty from '../../properties/sparc';
import type { Adapter } from '../../src/adapter/types';
import { checkAdapter } from '../../src/check/checkAdapter';
import { opKinds } from '../../src/engine/scenario';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { PAGE_SIZE } from '../../src/model/types';
import { inWorld, quietScenario } from '../helpers';

describe('sparc64: pgtable_t is pte_t *', () => {
  it('pte_alloc_one returns the table address of a ctor\'d page; __pte_free_tlb tags bit 0 (is_page)', () => {
    inWorld(sparc64_v6_6, (w) => {
      const t = runToEnd(sparc64_v6_6.pte_alloc_one(w.mm));
      expect(typeof t).toBe('number');
      const p = w.pageOfVa(t as number)!;
      expect(w.vaOfPage(p)).toBe(t);
      expect(p.ctorCount).toBe(1);
      const tlb = tlb_gather_mmu(w.mm, false);
      runToEnd(sparc64_v6_6.__pte_free_tlb(tlb, t!, 0));
      expect(tlb.batch!.tables).toEqual([(t as number) + 1]);
      runToEnd(pgtable_free_tlb(tlb, t as number, false));
      expect(tlb.batch!.tables[1]).toBe(t); // a PMD/PUD object would go untagged
      runToEnd(sparc64_v6_6.__tlb_remove_table!((t as number) + 1));
      expect(p.use).toBe('free');
      expect(p.dtorCount).toBe(1);
    });
  });

  it('pte_free_defer queues virt_to_page(pgtable)->rcu_head; the callback frees page_address(page)', () => {
    inWorld(sparc64_v6_6, (w) => {
      const t = runToEnd(sparc64_v6_6.pte_alloc_one(w.mm)) as number;
      const p = w.pageOfVa(t)!;
      runToEnd(sparc64_v6_6.pte_free_defer!(w.mm, t));
      expect(p.rcu_head.state).toBe('queued');
      const cb = w.rcu.callbacks.find((c) => c.head === p.rcu_head)!;
      runToEnd(cb.fn(p.rcu_head));
      expect(p.use).toBe('free');
      expect(p.dtorCount).toBe(1);
    });
  });
});

describe('sparc32: nocache-pool chunks', () => {
  it('two tables share a page; ctor on the first user table, dtor on the last, the page goes back when empty', () => {
    inWorld(sparc32, (w) => {
      const t0 = runToEnd(sparc32.pte_alloc_one(w.mm)) as number;
      const t1 = runToEnd(sparc32.pte_alloc_one(w.mm)) as number;
      const p = w.pageOfVa(t0)!;
      expect(t1).toBe(t0 + PAGE_SIZE / sparc32.declarations.tablesPerPage);
      expect(w.pageOfVa(t1)).toBe(p);
      expect(p._refcount.counter).toBe(3); // base reference + two user tables
      expect(p.ctorCount).toBe(1);
      runToEnd(sparc32.pte_free(w.mm, t0));
      expect(p.dtorCount).toBe(0);
      expect(runToEnd(sparc32.pte_alloc_one(w.mm))).toBe(t0); // the bitmap allocator reuses the chunk at once
      expect(p.ctorCount).toBe(1);
      runToEnd(sparc32.pte_free(w.mm, t0));
      runToEnd(sparc32.pte_free(w.mm, t1));
      expect(p.dtorCount).toBe(1);
      expect(p.use).toBe('free');
    });
  });

  it('has no ptlock object to allocate (mm/Kconfig: SPLIT_PTE_PTLOCKS depends on !SPARC32), so the ctor cannot fail', () => {
    expect(sparc32.declarations.ALLOC_SPLIT_PTLOCKS).toBe(false);
  });

  it('the dead failure path, forced: a failing ctor would leak the chunk (pte_alloc_one returns NULL without srmmu_free_nocache)', () => {
    inWorld(sparc32, (w) => {
      expect(runToEnd(sparc32.pte_alloc_one(w.mm))).toBeNull();
      const p = w.pages.find((x) => x.use === 'table')!;
      expect(p._refcount.counter).toBe(1);
      expect(runToEnd(sparc32.pte_alloc_one(w.mm))).toBe(w.vaOfPage(p) + PAGE_SIZE / 2); // the first chunk stays taken
    }, quietScenario({ splitPtl: true, allocSplitPtl: true, ptlockAllocFail: 1 }));
  });

  it('has no gup_fast walker (no HAVE_FAST_GUP) and no THP', () => {
    expect(opKinds(sparc32).has('gup_fast')).toBe(false);
    expect(opKinds(sparc64_v6_6).has('gup_fast')).toBe(true);
    expect(sparcProperty.appliesTo(sparc32)).toBe(false);
    expect(sparcProperty.appliesTo(sparc64_v6_6)).toBe(true);
  });
});

describe('sparc adapters: verdicts', () => {
  for (const a of [sparc64_v6_6, sparc64_2026]) {
    it(`${a.name} conforms (150 runs)`, () => {
      const { result } = checkAdapter(a, PROPERTIES, { runs: 150, seed: 5, adapterRef: a.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
    });
  }
  it('sparc64 declares no walk cache: with one, its leaf-only flush_tlb_pending() would leave stale table pointers (C-LT-2)', () => {
    expect(sparc64_v6_6.declarations.hwWalkCache).toBe(false);
    const withWalkCache = { ...sparc64_v6_6, declarations: { ...sparc64_v6_6.declarations, hwWalkCache: true } };
    const props = PROPERTIES.filter((p) => p.contracts.includes('C-LT-2'));
    const { result } = checkAdapter(withWalkCache, props, { runs: 300, seed: 1, adapterRef: 'x', contracts: ['C-LT-2'] });
    expect(result.contracts.find((c) => c.id === 'C-LT-2')?.verdict).toBe('fail');
  });
  for (const a of [sparc32, structPage, genericDefer, noFlushPending] as Adapter[]) {
    it(`${a.name} → ${a.knownBad!.contracts.join(', ')}`, () => {
      const props = PROPERTIES.filter((p) => p.contracts.some((c) => a.knownBad!.contracts.includes(c)));
      // no-flush-pending's C-GA-7 (the B30 window) is first found at 1287 runs (seed 1).
      const { result } = checkAdapter(a, props, { runs: a === noFlushPending ? 2000 : 300, seed: 1, adapterRef: a.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).sort()).toEqual([...a.knownBad!.contracts].sort());
    });
  }
});
