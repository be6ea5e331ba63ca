import { describe, expect, it } from '@jest/globals';
import v6_5 from '../../arch/loongarch/v6.5';
import v6_15 from '../../arch/loongarch/v6.15';
import y2026 from '../../arch/loongarch/2026';
import { free_pgtables } from '../../src/mm/memory';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { inWorld } from '../helpers';
import { archDtors, expectAsmGenericSoftTlbFlush, expectDtorAfterGracePeriod, expectDtorAtUnlinkInPageBatch, finish, finishGather, tableOf, tablesScenario } from './arch-helpers';

describe('loongarch: page batch after the IPI flush until 2026, RCU table batch in 2026', () => {
  it('v6.5: dtor in __pte_free_tlb, then tlb_remove_page', () => {
    expectDtorAtUnlinkInPageBatch(v6_5, (w) => {
      expect(w.trace.map((e) => e.action).filter((a) => /^pagetable_dtor|^__tlb_remove_page/.test(a))).toHaveLength(2);
    });
  });

  it('v6.15: __pte_free_tlb only calls tlb_remove_ptdesc(); the generic !MMU_GATHER_TABLE_FREE tlb_remove_table() runs the dtor at once', () => {
    expectDtorAtUnlinkInPageBatch(v6_15);
    expect([archDtors(v6_5), archDtors(v6_15)]).toEqual([1, 0]);
  });

  for (const a of [v6_5, v6_15]) {
    it(`${a.name}: the page is freed only after the flush IPI`, () => {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        finishGather(tlb);
        const acts = w.trace.map((e) => e.action);
        const flush = acts.findIndex((x) => /walk cache\)[^:]*: IPI/.test(x));
        const free = acts.findIndex((x) => x.startsWith('release_pages: free'));
        expect(flush).toBeGreaterThanOrEqual(0);
        expect(free).toBeGreaterThan(flush);
        expect(t.use).toBe('free');
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    });
  }

  it('2026: RCU table batch, dtor and free after the grace period', () => {
    expectDtorAfterGracePeriod(y2026);
  });
});

describe('loongarch flush hooks (arch/loongarch/tlb.ts)', () => {
  for (const a of [v6_5, v6_15, y2026]) {
    it(`${a.name}: tlb_flush() is flush_tlb_mm() or flush_tlb_range(), freed_tables unused; IPI to mm_cpumask`, () => {
      expectAsmGenericSoftTlbFlush(a, /: IPI/);
    });
  }
});
