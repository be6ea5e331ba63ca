import { runToEnd } from '../../src/model/coroutine';
import { describe, expect, it } from '@jest/globals';
import classicV6_5 from '../../arch/arm/classic-v6.5';
import classicQiV4 from '../../arch/arm/classic-qi-v4';
import classicV6_14 from '../../arch/arm/classic-v6.14';
import lpaeV6_5 from '../../arch/arm/lpae-v6.5';
import lpaeV6_14 from '../../arch/arm/lpae-v6.14';
import lpae2026 from '../../arch/arm/lpae-2026';
import { arm_classic_widen_range, arm_pte_alloc_one } from '../../arch/arm/common';
import { PageHighMem } from '../../src/kernel/arm';
import noWiden from '../../fixtures/broken/arm-classic-no-widen';
import armProperty, { isArmClassic } from '../../properties/arm';
import { checkAdapter } from '../../src/check/checkAdapter';
import { opKinds } from '../../src/engine/scenario';
import { free_pgtables, slotAddress } from '../../src/mm/memory';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { PAGE_SIZE } from '../../src/model/types';
import { inWorld } from '../helpers';
import {
  expectDtorAfterGracePeriod, expectDtorAtUnlinkInPageBatch, expectDtorAtUnlinkSwapCacheFreeAfterGracePeriod,
  failingContracts, finish, finishGather, inPageBatch, tableOf, tablesScenario,
} from './arch-helpers';

describe('arm classic MMU: __pte_free_tlb widens the flush range (C-ARCH-5)', () => {
  it('covers the last page of the first 1 MB section and the first page of the second', () => {
    inWorld(classicV6_14, (w) => {
      const tlb = tlb_gather_mmu(w.mm, false);
      runToEnd(classicV6_14.__pte_free_tlb(tlb, tableOf(w, 1), slotAddress(1)));
      // pmd1 spans virtual pages 2..3; "1 MB" is half a pmd (one page in the model geometry)
      expect([tlb.start, tlb.end]).toEqual([2, 4]);
    }, tablesScenario());
  });

  it('computes the section boundary without bitwise operators (addresses above 4 GiB)', () => {
    inWorld(classicV6_14, (w) => {
      const tlb = tlb_gather_mmu(w.mm, false);
      const base = 2 ** 33; // pmd-aligned, far above 2^32
      runToEnd(arm_classic_widen_range(tlb, base + 3 * PAGE_SIZE)); // any address inside the pmd starting at base + 2 pages
      const first = base / PAGE_SIZE + 2;
      expect([tlb.start, tlb.end]).toEqual([first, first + 2]);
    });
  });

  it('free_pgtables alone covers only the first section; the widening adds the second', () => {
    for (const [adapter, end] of [[classicV6_14, 4], [noWiden, 3]] as const) {
      inWorld(adapter, (w) => {
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 1));
        expect([tlb.start, tlb.end]).toEqual([2, end]);
      }, tablesScenario());
    }
  });

  it('LPAE does not widen (one hardware table per page)', () => {
    inWorld(lpaeV6_14, (w) => {
      const tlb = tlb_gather_mmu(w.mm, false);
      runToEnd(lpaeV6_14.__pte_free_tlb(tlb, tableOf(w, 1), slotAddress(1)));
      expect(tlb.end).toBeLessThanOrEqual(tlb.start);
    }, tablesScenario());
  });

  it('classic arm has no GUP-fast (HAVE_GUP_FAST if ARM_LPAE): no gup_fast ops; LPAE has them', () => {
    for (const a of [classicV6_5, classicV6_14, classicQiV4]) expect(opKinds(a).has('gup_fast')).toBe(false);
    for (const a of [lpaeV6_5, lpaeV6_14, lpae2026]) expect(opKinds(a).has('gup_fast')).toBe(true);
    expect([classicV6_5.declarations.flushTransport, classicV6_14.declarations.flushTransport]).toEqual(['ipi', 'broadcast']);
  });

  it('the arm property applies to the classic adapters only', () => {
    expect([classicV6_5, classicQiV4, classicV6_14, noWiden].every(isArmClassic)).toBe(true);
    expect([lpaeV6_5, lpaeV6_14, lpae2026].some(isArmClassic)).toBe(false);
  });

  it('the arm property finds the missing widening, and passes the real __pte_free_tlb', () => {
    const bad = checkAdapter(noWiden, [armProperty], { runs: 200, seed: 1, adapterRef: noWiden.name }).result;
    expect(bad.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual(['C-ARCH-5']);
    const good = checkAdapter(classicV6_14, [armProperty], { runs: 200, seed: 1, adapterRef: classicV6_14.name }).result;
    expect(good.verdict).toBe('conforms');
  });
});

describe('arm: where the PTE dtor runs, per era', () => {
  it('v6.5 classic: in __pte_free_tlb, then the page batch (tlb_remove_table is tlb_remove_page)', () => {
    expectDtorAtUnlinkInPageBatch(classicV6_5, (_w, tlb) => expect(tlb.batch).toBeNull());
  });

  it('v6.14 classic: in the generic !MMU_GATHER_TABLE_FREE tlb_remove_table(), at unlink time', () => {
    expectDtorAtUnlinkInPageBatch(classicV6_14);
  });

  it('Qi Zheng v4 (B2): nowhere; the page reaches the allocator with its ctor unmatched', () => {
    inWorld(classicQiV4, (w) => {
      const t = tableOf(w, 0);
      const tlb = tlb_gather_mmu(w.mm, false);
      finish(free_pgtables(tlb, 0));
      expect(t.dtorCount).toBe(0);
      expect(inPageBatch(tlb, t)).toBe(true);
      finishGather(tlb);
      expect(w.violations.map((v) => v.contract)).toEqual(['C-DT-1']);
      expect(w.violations[0]!.message).toMatch(/1 ctor and 0 dtor/);
    }, tablesScenario());
  });

  it('v6.5 LPAE: in __pte_free_tlb before the RCU table batch; free_page_and_swap_cache after the grace period', () => {
    expectDtorAtUnlinkSwapCacheFreeAfterGracePeriod(lpaeV6_5);
  });

  it('v6.14 LPAE: after the grace period, in the generic __tlb_remove_table()', () => {
    expectDtorAfterGracePeriod(lpaeV6_14);
  });
});

describe('arm known-bad adapters', () => {
  it('arm-classic-qi-v4 fails exactly C-DT-1', () => {
    const r = failingContracts(classicQiV4, 50, 1);
    expect(r.failed).toEqual(['C-DT-1']);
    expect(r.asExpected).toBe(true);
  });
});

describe('arm pte_alloc_one(): PageHighMem() and clean_pte_table() of a lowmem table', () => {
  for (const a of [classicV6_5, lpaeV6_14]) {
    it(`${a.name}: cleans a lowmem table (a nop on SMP ARMv7), leaves a highmem one alone`, () => {
      inWorld(a, (w) => {
        const before = w.trace.length;
        const pte = runToEnd(a.pte_alloc_one(w.mm));
        expect(pte).not.toBeNull();
        const cleans = w.trace.slice(before).filter((e) => e.action.startsWith('clean_pte_table('));
        // HIGHPTE: the page comes from highmem, which clean_pte_table() is not given.
        expect(cleans).toHaveLength(0);
        expect(w.violations).toEqual([]);
      }, tablesScenario());
      inWorld(a, (w) => {
        const pte = runToEnd(arm_pte_alloc_one(w.mm, false));
        expect(pte).not.toBeNull();
        expect(w.trace.some((e) => /^clean_pte_table\(pt@0x[0-9a-f]+\): cpu_v7_dcache_clean_area is a nop/.test(e.action))).toBe(true);
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    });
  }

  it('a failed allocation returns NULL before PageHighMem(), which would dereference it', () => {
    inWorld(classicV6_14, (w) => {
      expect(runToEnd(arm_pte_alloc_one(w.mm, true))).toBeNull();
      expect(w.violations).toEqual([]);
      expect(() => PageHighMem(null)).toThrow(/NULL pointer dereference/);
    }, tablesScenario({ splitPtl: true, allocSplitPtl: true, ptlockAllocFail: 0xff }));
  });
});
