/**
 * s390 adapters: the 2K-fragment mechanics of v6.6 driven directly (AA/PP bits, pgtable_list
 * head/tail rules, the half tag on tlb_remove_table, PageActive, PGSTE), the B11 and B37 scenarios, and
 * every s390 broken fixture caught with its contract.
 */
import { runToEnd } from '../../src/model/coroutine';
import { describe, expect, it } from '@jest/globals';
import s390_v6_6 from '../../arch/s390/v6.6';
import s390_v6_13 from '../../arch/s390/v6.13';
import s390_v6_14 from '../../arch/s390/v6.14';
import s390_2026 from '../../arch/s390/2026';
import { __tlb_remove_table, frag_mask, untag } from '../../arch/s390/pgalloc-frag';
import b8 from '../../fixtures/broken/b8-s390-v1-shared-rcu-head';
import b9 from '../../fixtures/broken/b9-s390-list-in-table';
import b10 from '../../fixtures/broken/b10-s390-v2-relink';
import b11 from '../../fixtures/broken/b11-s390-alloc-ignores-pp';
import b12 from '../../fixtures/broken/b12-s390-pgste-thp';
import b37 from '../../fixtures/broken/b37-s390-release-race';
import b38 from '../../fixtures/broken/b38-s390-refcount-low-bits';
import activeListed from '../../fixtures/broken/s390-active-listed';
import missesRelease from '../../fixtures/broken/s390-free-misses-release';
import wrongShift from '../../fixtures/broken/s390-tlb-remove-table-wrong-shift';
import keepsActive from '../../fixtures/broken/s390-release-keeps-active';
import freeHalfUnlisted from '../../fixtures/broken/s390-free-half-unlisted';
import allocNeverReuses from '../../fixtures/broken/s390-alloc-never-reuses';
import releaseCheckAfterFree from '../../fixtures/broken/s390-release-check-after-free';
import allocBadOrder from '../../fixtures/broken/s390-alloc-bad-order';
import releaseMaskLowBits from '../../fixtures/broken/s390-release-mask-low-bits';
import allocOrderOne from '../../fixtures/broken/s390-alloc-order-one';
import { PROPERTIES } from '../../properties';
import s390Property from '../../properties/s390';
import type { Adapter } from '../../src/adapter/types';
import { checkAdapter } from '../../src/check/checkAdapter';
import { runScenario } from '../../src/engine/runner';
import { monitorsFor } from '../../src/bugs/run';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { PAGE_SIZE, type Page } from '../../src/model/types';
import type { World } from '../../src/model/world';
import { inWorld, quietScenario } from '../helpers';

const a = s390_v6_6;
const alloc = (w: World): number => runToEnd(a.pte_alloc_one(w.mm)) as number;
const pageOf = (w: World, va: number): Page => w.pageOfVa(va)!;

describe('s390 v6.6 fragments', () => {
  it('hands out the lower half of a fresh page, lists it, then the upper half from the list', () => {
    inWorld(a, (w) => {
      const t0 = alloc(w);
      const p = pageOf(w, t0);
      expect(t0 % PAGE_SIZE).toBe(0);
      expect(runToEnd(frag_mask(p))).toBe(0x01);
      expect(w.mm.context.pgtable_list.pages).toEqual([p]);
      expect(p.ctorCount).toBe(1);
      const t1 = alloc(w);
      expect(t1).toBe(t0 + PAGE_SIZE / 2);
      expect(runToEnd(frag_mask(p))).toBe(0x03);
      expect(w.mm.context.pgtable_list.pages).toEqual([]);
      expect(p.ctorCount).toBe(1); // one ctor per 4K page
      expect(p._refcount.counter & 0xffffff).toBe(1); // the low bits stay the allocator's
    });
  });

  it('page_table_free: AA -> PP -> 0 in two steps, relists at the head while the buddy is allocated, releases on 0', () => {
    inWorld(a, (w) => {
      const t0 = alloc(w);
      const t1 = alloc(w);
      const p = pageOf(w, t0);
      const other = pageOf(w, alloc(w)); // a second page, listed at the head
      expect(w.mm.context.pgtable_list.pages).toEqual([other]);
      runToEnd(a.pte_free(w.mm, t0));
      expect(runToEnd(frag_mask(p))).toBe(0x02); // lower AA and PP both clear after the call
      expect(w.mm.context.pgtable_list.pages[0]).toBe(p); // list_add: head, reusable at once
      expect(alloc(w)).toBe(t0); // the first entry is taken
      runToEnd(a.pte_free(w.mm, t0));
      runToEnd(a.pte_free(w.mm, t1));
      expect(p.use).toBe('free'); // released by the call that cleared the last bit
      expect(p.lru.on).toBeNull();
      expect(p.dtorCount).toBe(1);
    });
  });

  it('page_table_free_rcu: PP stays until __tlb_remove_table, the page goes to the tail, the half tag is added arithmetically', () => {
    inWorld(a, (w) => {
      const t0 = alloc(w);
      const t1 = alloc(w);
      const p = pageOf(w, t0);
      const q = pageOf(w, alloc(w)); // listed at the head
      expect(t1).toBeGreaterThan(2 ** 32); // addresses above 4 GiB: no 32-bit bit operations on them
      const tlb = tlb_gather_mmu(w.mm, false);
      runToEnd(a.__pte_free_tlb(tlb, t1, 0));
      expect(runToEnd(frag_mask(p))).toBe(0x21); // lower allocated, upper pending
      expect(w.mm.context.pgtable_list.pages).toEqual([q, p]); // list_add_tail
      expect(tlb.batch!.tables).toEqual([t1 + 2]); // upper half tagged 2
      expect(runToEnd(untag(t1 + 2))).toEqual({ table: t1, half: 2 });
      expect(runToEnd(untag(t0 + 1))).toEqual({ table: t0, half: 1 });
      // page_table_alloc looks at the first entry only: q has a free half.
      expect(alloc(w)).toBe(w.vaOfPage(q) + PAGE_SIZE / 2);
      // Now p is first; its upper half is pending: mask = (AA | PP >> 4) & 3 = 3, so a fresh page.
      expect(w.mm.context.pgtable_list.pages).toEqual([p]);
      const fresh = alloc(w);
      expect(pageOf(w, fresh)).not.toBe(p);
      expect(runToEnd(frag_mask(p))).toBe(0x21);
      runToEnd(__tlb_remove_table(t1 + 2));
      expect(runToEnd(frag_mask(p))).toBe(0x01);
      expect(p.use).toBe('table');
      runToEnd(a.pte_free(w.mm, t0));
      expect(p.use).toBe('free');
    });
  });

  it('pte_free_defer: PageActive keeps the page off the list and delays call_rcu until both halves are free', () => {
    inWorld(a, (w) => {
      const t0 = alloc(w);
      const t1 = alloc(w);
      const p = pageOf(w, t0);
      runToEnd(a.pte_free_defer!(w.mm, t0));
      expect(p.active).toBe(true);
      expect(p.lru.on).toBeNull(); // not relisted although the buddy is allocated
      expect(runToEnd(frag_mask(p))).toBe(0x02);
      expect(p.rcu_head.state).toBe('idle');
      runToEnd(a.pte_free(w.mm, t1));
      expect(p.use).toBe('table'); // not freed now ...
      expect(p.rcu_head.state).toBe('queued'); // ... but queued, once
      expect(p.active).toBe(false); // TestClearPageActive
      expect(w.warnings).toEqual([]);
    });
  });

  it('PGSTE mms get whole 4K tables (AA = 3, never listed), and pte_free_defer warns', () => {
    inWorld(b12, (w) => {
      const t = runToEnd(b12.pte_alloc_one(w.mm)) as number;
      const p = pageOf(w, t);
      expect(runToEnd(frag_mask(p))).toBe(0x03);
      expect(w.mm.context.pgtable_list.pages).toEqual([]);
      runToEnd(b12.pte_free_defer!(w.mm, t));
      expect(w.warnings.some((m) => m.includes('PGSTE'))).toBe(true);
      expect(p.rcu_head.state).toBe('queued');
    });
  });
});

describe('B11: page_table_alloc must fold the PP bits into its mask', () => {
  const empty = { vma: 'file' as const, shared: true, uffd: 'none' as const, table: true, ptes: ['none' as const, 'none' as const] };
  // MADV_DONTNEED frees slot 1's empty table through the gather (PT_RECLAIM proxy: upper half
  // pending), then a fault on slot 1 allocates before the grace period.
  const sc = quietScenario({
    slots: [empty, empty], reclaim: true,
    programs: [[{ k: 'dontneed', slot: 1 }, { k: 'fault', slot: 1, index: 0, write: false }], [], []],
  });
  const correct: Adapter = { ...s390_v6_6, name: 's390-v6.6+reclaim', declarations: { ...s390_v6_6.declarations, PT_RECLAIM: true, THP: false } };

  it('the correct allocator takes a fresh page', () => {
    const r = runScenario(correct, sc, { monitors: [s390Property.monitor!] });
    expect(r.violations).toEqual([]);
  });

  it('the AA-only allocator hands out the pending half: 0x23 (C-S390-1)', () => {
    const r = runScenario(b11, sc, { monitors: [s390Property.monitor!] });
    expect(r.violation?.contract).toBe('C-S390-1');
    expect(r.violation?.message).toContain('0x23');
  });
});

describe('B37: the 2KB pgtable release race (before c2c224932fd0)', () => {
  // munmap(pmd0) frees the lower half through the gather while fault A's spare upper half goes
  // through page_table_free(): the RCU callback frees the page between that XOR and its list_del().
  // Five segments on two CPUs (fixtures/counterexamples/B37.json): cpu0's munmap past its
  // downgrade; cpu1's fault A takes the upper half and stops before pmd_lock; cpu0 finishes the
  // munmap (lower half to the gather, call_rcu) and its own fault B populates pmd1; A loses the
  // __pte_alloc() race and stops after page_table_free()'s XOR; the RCU callback.
  const half = { vma: 'anon' as const, shared: false, uffd: 'none' as const, table: true, ptes: ['none' as const, 'none' as const] };
  const sc = quietScenario({
    fileKind: 'file', slots: [half, { ...half, table: false }],
    programs: [[{ k: 'munmap', slot: 0 }, { k: 'fault', slot: 1, index: 1, write: false }], [{ k: 'fault', slot: 1, index: 0, write: false }]],
    schedule: [{ a: 0, n: 2 }, { a: 1, n: 7 }, { a: 0, n: 200 }, { a: 1, n: 4 }, { a: 2, n: 200 }],
  });

  it('the pre-fix page_table_free() lets __tlb_remove_table() free a listed page (C-LIST-1)', () => {
    const r = runScenario(b37, sc, { monitors: monitorsFor(b37) });
    expect(r.violation?.contract).toBe('C-LIST-1');
    const actions = r.trace.map((e) => `${e.actor}: ${e.action}`);
    expect(actions).toContain('cpu1: atomic_xor_bits(pt@0x100002000->_refcount, 0x02 << 24): _refcount[31..24] = 0x10');
    expect(actions).toContain('rcu: atomic_xor_bits(pt@0x100002000->_refcount, 0x10 << 24): _refcount[31..24] = 0x00');
  });

  it('the fixed (v6.6) two-step XOR survives the same interleaving', () => {
    expect(runScenario(s390_v6_6, sc, { monitors: monitorsFor(s390_v6_6) }).violations).toEqual([]);
  });
});

describe('s390 broken fixtures are caught with their contracts', () => {
  for (const f of [b8, b9, b10, b12, b38, activeListed, missesRelease, wrongShift, keepsActive, freeHalfUnlisted, allocNeverReuses, releaseCheckAfterFree, allocBadOrder, releaseMaskLowBits, allocOrderOne]) {
    it(`${f.name} → ${f.knownBad!.contracts.join(', ')}`, () => {
      const props = PROPERTIES.filter((p) => p.contracts.some((c) => f.knownBad!.contracts.includes(c)));
      const { result } = checkAdapter(f, props, { runs: 1000, seed: 1, adapterRef: f.name });
      const failed = result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).sort();
      expect(failed).toEqual([...f.knownBad!.contracts].sort());
    });
  }
  it('a violation in setup (the initial tables come from the adapter\'s own pte_alloc_one()) is the adapter\'s, not an error', () => {
    const { result } = checkAdapter(allocOrderOne, PROPERTIES, { runs: 500, seed: 1, adapterRef: allocOrderOne.name });
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ verdict: 'violates', asExpected: true });
  });
  it('the s390 property applies only to s390 adapters, fragment contracts only to the fragment era', () => {
    expect(s390Property.appliesTo(s390_v6_6)).toBe(true);
    expect(s390Property.contractApplies!(s390_v6_6, 'C-S390-1')).toBe(true);
    expect(s390Property.contractApplies!(s390_v6_14, 'C-S390-1')).toBe(false);
    expect(s390Property.contractApplies!(s390_v6_14, 'C-S390-6')).toBe(true);
    // C-S390-7 reads page->lru: not for B9's free list threaded through the tables.
    expect(s390Property.contractApplies!(s390_v6_6, 'C-S390-7')).toBe(true);
    expect(s390Property.contractApplies!(b9, 'C-S390-7')).toBe(false);
    expect(s390Property.contractApplies!(s390_v6_14, 'C-S390-7')).toBe(false);
  });
});

describe('the s390 adapters conform', () => {
  for (const ad of [s390_v6_6, s390_v6_13, s390_v6_14, s390_2026]) {
    it(`${ad.name} (150 runs, seed 7)`, () => {
      const { result } = checkAdapter(ad, PROPERTIES, { runs: 150, seed: 7, adapterRef: ad.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
      expect(result.verdict).toBe('conforms');
    });
  }
});
