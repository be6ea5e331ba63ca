import { describe, expect, it } from '@jest/globals';
import v6_13 from '../../arch/arm64/v6.13';
import v6_14 from '../../arch/arm64/v6.14';
import y2026 from '../../arch/arm64/2026';
import b1arm64 from '../../fixtures/broken/b1-arm64-v6.13-reclaim';
import { free_pgtables } from '../../src/mm/memory';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { inWorld } from '../helpers';
import { drainRcu, failingContracts, finish, finishGather, inTableBatch, tableOf, tablesScenario } from './arch-helpers';

describe('arm64: RCU table batch, broadcast TLBI', () => {
  it('declares broadcast TLB invalidation and unconditional RCU table free', () => {
    for (const a of [v6_13, v6_14, y2026]) {
      expect(a.declarations.flushTransport).toBe('broadcast');
      expect(a.declarations.MMU_GATHER_RCU_TABLE_FREE).toBe(true);
    }
    expect([v6_13, v6_14, y2026].map((a) => a.declarations.PT_RECLAIM)).toEqual([false, false, true]);
  });

  it('the flush sends no IPI', () => {
    inWorld(v6_14, (w) => {
      const tlb = tlb_gather_mmu(w.mm, false);
      finish(free_pgtables(tlb, 0));
      finishGather(tlb);
      expect(w.trace.some((e) => /freed_tables\): broadcast \(no IPI\)/.test(e.action))).toBe(true);
    }, tablesScenario());
  });
});

describe('arm64: where the PTE dtor runs, per era', () => {
  it('v6.13: in __pte_free_tlb at unlink time; the page is freed by free_page_and_swap_cache after the grace period', () => {
    inWorld(v6_13, (w) => {
      const t = tableOf(w, 0);
      const tlb = tlb_gather_mmu(w.mm, false);
      finish(free_pgtables(tlb, 0));
      expect(t.dtorCount).toBe(1);
      expect(inTableBatch(tlb, t)).toBe(true);
      finishGather(tlb);
      expect(t.use).toBe('table');
      drainRcu(w);
      expect(t.use).toBe('free');
      expect(w.trace.some((e) => e.action.startsWith('free_page_and_swap_cache('))).toBe(true);
      expect(w.violations).toEqual([]);
    }, tablesScenario());
  });

  for (const a of [v6_14, y2026]) {
    it(`${a.era}: after the grace period, in the generic __tlb_remove_table()`, () => {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        finishGather(tlb);
        expect(t.dtorCount).toBe(0);
        drainRcu(w);
        expect(t.dtorCount).toBe(1);
        expect(t.use).toBe('free');
        expect(w.trace.some((e) => e.action.startsWith('pagetable_free('))).toBe(true);
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    });
  }
});

describe('arm64 pre-v6.14 dtor placement under empty-table reclaim', () => {
  it('would have been B1: the model finds exactly C-DT-1', () => {
    const r = failingContracts(b1arm64, 300, 2);
    expect(r.failed).toEqual(['C-DT-1']);
    expect(r.asExpected).toBe(true);
  });
});
