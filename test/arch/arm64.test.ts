import { describe, expect, it } from '@jest/globals';
import v6_13 from '../../arch/arm64/v6.13';
import v6_14 from '../../arch/arm64/v6.14';
import y2026 from '../../arch/arm64/2026';
import b1arm64 from '../../fixtures/broken/b1-arm64-v6.13-reclaim';
import { free_pgtables } from '../../src/mm/memory';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { inWorld } from '../helpers';
import {
  expectDtorAfterGracePeriod, expectDtorAtUnlinkSwapCacheFreeAfterGracePeriod, failingContracts, finish, finishGather,
  tablesScenario,
} from './arch-helpers';

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
      expect(w.trace.some((e) => /walk cache\): broadcast \(no IPI\)/.test(e.action))).toBe(true);
    }, tablesScenario());
  });
});

describe('arm64: where the PTE dtor runs, per era', () => {
  it('v6.13: in __pte_free_tlb at unlink time; the page is freed by free_page_and_swap_cache after the grace period', () => {
    expectDtorAtUnlinkSwapCacheFreeAfterGracePeriod(v6_13);
  });

  for (const a of [v6_14, y2026]) {
    it(`${a.era}: after the grace period, in the generic __tlb_remove_table()`, () => {
      expectDtorAfterGracePeriod(a);
    });
  }
});

describe('arm64 pre-v6.14 dtor placement under empty-table reclaim', () => {
  it('would have been B1: the model finds exactly C-DT-1 and C-DT-6', () => {
    const r = failingContracts(b1arm64, 600, 2);
    expect(r.failed).toEqual(['C-DT-1', 'C-DT-6']);
    expect(r.asExpected).toBe(true);
  });
});
