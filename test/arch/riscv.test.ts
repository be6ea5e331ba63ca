import { describe, expect, it } from '@jest/globals';
import sbiV6_13 from '../../arch/riscv/sbi-v6.13';
import ipiV6_13 from '../../arch/riscv/ipi-v6.13';
import sbiV6_14 from '../../arch/riscv/sbi-v6.14';
import ipiV6_14 from '../../arch/riscv/ipi-v6.14';
import sbi2026 from '../../arch/riscv/sbi-2026';
import ipi2026 from '../../arch/riscv/ipi-2026';
import sbiV6_13Reclaim from '../../arch/riscv/sbi-v6.13-reclaim';
import ipiV6_14Reclaim from '../../arch/riscv/ipi-v6.14-reclaim';
import { riscv_use_sbi_for_rfence } from '../../src/kernel';
import { free_pgtables } from '../../src/mm/memory';
import { tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { inWorld } from '../helpers';
import {
  archFlushes, drainRcu, failingContracts, finish, finishGather, inPageBatch, inTableBatch, tableOf, tablesScenario, wholeMm,
} from './arch-helpers';

describe('riscv: the rfence transport picks the free path', () => {
  it('riscv_use_sbi_for_rfence() follows the declared transport', () => {
    for (const a of [sbiV6_13, sbiV6_14, sbi2026, sbiV6_13Reclaim]) expect(inWorld(a, () => riscv_use_sbi_for_rfence())).toBe(true);
    for (const a of [ipiV6_13, ipiV6_14, ipi2026, ipiV6_14Reclaim]) expect(inWorld(a, () => riscv_use_sbi_for_rfence())).toBe(false);
  });

  it('SBI rfence sends no IPI; IPI rfence does', () => {
    for (const [a, re] of [[sbiV6_14, /: sbi to mm_cpumask \(no IPI\)/], [ipiV6_14, /: IPI/]] as const) {
      inWorld(a, (w) => {
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        finishGather(tlb);
        expect(w.trace.some((e) => e.action.includes('walk cache') && re.test(e.action))).toBe(true);
      }, tablesScenario());
    }
  });

  it('SBI: RCU table batch; IPI before 2026: page batch; 2026: RCU table batch for both', () => {
    for (const [a, batch] of [
      [sbiV6_13, 'table'], [ipiV6_13, 'page'], [sbiV6_14, 'table'], [ipiV6_14, 'page'], [sbi2026, 'table'], [ipi2026, 'table'],
    ] as const) {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        expect({ name: a.name, table: inTableBatch(tlb, t), page: inPageBatch(tlb, t) })
          .toEqual({ name: a.name, table: batch === 'table', page: batch === 'page' });
      }, tablesScenario());
    }
  });
});

describe('riscv: where the PTE dtor runs, per era', () => {
  it('before Qi Zheng\'s patch (v6.13): in __pte_free_tlb, at unlink time, on both transports', () => {
    for (const a of [sbiV6_13, ipiV6_13]) {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        expect(t.dtorCount).toBe(1);
        finishGather(tlb);
        drainRcu(w);
        expect(t.use).toBe('free');
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    }
  });

  it('v6.13 SBI frees with free_page_and_swap_cache (B4, before C-LT-13 existed)', () => {
    inWorld(sbiV6_13, (w) => {
      const tlb = tlb_gather_mmu(w.mm, false);
      finish(free_pgtables(tlb, 0));
      finishGather(tlb);
      drainRcu(w);
      expect(w.trace.some((e) => e.action.startsWith('free_page_and_swap_cache('))).toBe(true);
    }, tablesScenario());
  });

  it('after it (v6.14): SBI after the grace period in the generic __tlb_remove_table(); IPI in riscv_tlb_remove_ptdesc()', () => {
    for (const [a, atUnlink] of [[sbiV6_14, 0], [ipiV6_14, 1], [sbi2026, 0], [ipi2026, 0]] as const) {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        const tlb = tlb_gather_mmu(w.mm, false);
        finish(free_pgtables(tlb, 0));
        expect({ name: a.name, dtor: t.dtorCount }).toEqual({ name: a.name, dtor: atUnlink });
        finishGather(tlb);
        drainRcu(w);
        expect(t.dtorCount).toBe(1);
        expect(t.use).toBe('free');
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    }
  });
});

describe('riscv known-bad adapters (empty-table reclaim on the old code)', () => {
  it('riscv-sbi-v6.13-reclaim (B1) fails exactly C-DT-1 and C-DT-6', () => {
    const r = failingContracts(sbiV6_13Reclaim, 600, 2);
    expect(r.failed).toEqual(['C-DT-1', 'C-DT-6']);
    expect(r.asExpected).toBe(true);
  });

  it('riscv-ipi-v6.14-reclaim (B35) fails exactly C-DT-1 and C-DT-6', () => {
    const r = failingContracts(ipiV6_14Reclaim, 600, 2);
    expect(r.failed).toEqual(['C-DT-1', 'C-DT-6']);
    expect(r.asExpected).toBe(true);
  });
});

describe('riscv flush hooks (arch/riscv/tlb.ts)', () => {
  for (const a of [sbiV6_13, ipiV6_14, sbi2026]) {
    it(`${a.name}: tlb_flush() flushes the whole ASID when tables were freed (97cf301fa42e) or fullmm, leaf entries of the range otherwise`, () => {
      inWorld(a, (w) => {
        expect(archFlushes(w, { tlb_flush: { start: 0, end: 2 } }).ranges).toEqual(['vpn 0..1, leaf only']);
        expect(archFlushes(w, { tlb_flush: { start: 0, end: 2, freed_tables: true } }).ranges).toEqual([wholeMm(w)]);
        expect(archFlushes(w, { tlb_flush: { start: 0, end: 2, fullmm: true } }).ranges).toEqual([wholeMm(w)]);
      });
    });
  }

  it('flush_tlb_range(): the PMD range of pmdp_collapse_flush() is above tlb_flush_all_threshold (whole ASID); flush_tlb_page() is leaf only', () => {
    inWorld(ipi2026, (w) => {
      const per = w.cfg.geometry.ptesPerTable;
      expect(archFlushes(w, { flush_tlb_range: { start: per, end: 2 * per, huge: true } }).ranges).toEqual([wholeMm(w)]);
      expect(archFlushes(w, { flush_tlb_range: { start: 3, end: 4, huge: false } }).ranges).toEqual(['vpn 3..3, leaf only']);
    });
  });

  it('the transport is the declared rfence: SBI sends no IPI, IPI rfence does', () => {
    expect(inWorld(sbiV6_14, (w) => archFlushes(w, { tlb_flush: { start: 0, end: 1 } }).lines)).toEqual([expect.stringMatching(/: sbi to mm_cpumask \(no IPI\)$/)]);
    expect(inWorld(ipiV6_14, (w) => archFlushes(w, { tlb_flush: { start: 0, end: 1 } }).lines)).toEqual([expect.stringMatching(/: IPI/)]);
  });
});
