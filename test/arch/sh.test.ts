import { describe, expect, it } from '@jest/globals';
import v6_14 from '../../arch/sh/x2tlb-v6.14';
import v6_15 from '../../arch/sh/x2tlb-v6.15';
import { free_pgtables, slotAddress } from '../../src/mm/memory';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { pmdp_get_lockless_sync } from '../../src/mm/pgtable_generic';
import { inWorld } from '../helpers';
import { archDtors, expectAsmGenericSoftTlbFlush, finish, finishGather, inPageBatch, tableOf, tablesScenario } from './arch-helpers';

describe('sh X2TLB: page batch after the IPI flush, pmd in two halves', () => {
  for (const a of [v6_14, v6_15]) {
    it(`${a.name}: dtor at unlink time, page freed after the flush IPI`, () => {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        expect(t.dtorCount).toBe(1);
        expect(inPageBatch(tlb, t)).toBe(true);
        finishGather(tlb);
        const acts = w.trace.map((e) => e.action);
        expect(acts.findIndex((x) => x.startsWith('release_pages: free'))).toBeGreaterThan(acts.findIndex((x) => /freed_tables\): IPI/.test(x)));
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    });
  }

  it('v6.14 calls the dtor itself; v6.15 leaves it to the generic tlb_remove_table()', () => {
    expect(archDtors(v6_14)).toBe(1);
    expect(archDtors(v6_15)).toBe(0);
  });

  it('GUP_GET_PXX_LOW_HIGH without RCU table free: pmdp_get_lockless_sync() is a no-op', () => {
    inWorld(v6_14, (w) => {
      finish(pmdp_get_lockless_sync());
      expect(w.trace.some((e) => /^tlb_remove_table_sync_one\(\) \(no-op/.test(e.action))).toBe(true);
    }, tablesScenario());
  });
});

describe('sh flush hooks (arch/sh/tlb.ts)', () => {
  for (const a of [v6_14, v6_15]) {
    it(`${a.name}: asm-generic tlb_flush(), smp_call_function() IPIs`, () => {
      expectAsmGenericSoftTlbFlush(a, /: IPI/);
    });
  }
});
