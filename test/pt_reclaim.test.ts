/**
 * PT_RECLAIM (src/mm/pt_reclaim.ts): the fast path of zap_pte_range (v6.14
 * try_get_and_clear_pmd, 2026 zap_empty_pte_table) is taken when the ptl was held throughout,
 * is skipped when the ptl is the pmd lock in v6.14 (the trylock fails) but not in 2026, and the
 * broken fixture that takes it after a retry is caught.
 */
import { describe, expect, it } from '@jest/globals';
import arm64_2026 from '../arch/arm64/2026';
import generic from '../arch/generic/v6.14';
import brokenFastAfterRetry from '../fixtures/broken/pt-reclaim-fast-after-retry';
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { runScenario } from '../src/engine/runner';
import { ptReclaimFastSameLock } from '../src/mm/era';
import { PROPERTIES } from '../properties';
import { quietScenario } from './helpers';

/** The trace actions of one MADV_DONTNEED of a populated slot 0 with PT_RECLAIM on. */
function dontneedTrace(adapter: Adapter, splitPtl: boolean, pages = 8): string[] {
  const base = quietScenario();
  const sc = quietScenario({
    reclaim: true,
    splitPtl,
    batch: { tables: 8, pages },
    slots: base.slots.map((s, i) => (i === 0 ? { ...s, table: true, ptes: s.ptes.map(() => 'clean' as const) } : s)),
    programs: [[{ k: 'dontneed', slot: 0 }], [], []],
  });
  const r = runScenario(adapter, sc);
  expect(r.violations).toEqual([]);
  return r.trace.map((e) => e.action);
}

describe('PT_RECLAIM fast path', () => {
  it('clears the pmd under the ptl with split ptlocks (v6.14 try_get_and_clear_pmd)', () => {
    const t = dontneedTrace(generic, true);
    expect(t.some((a) => a.startsWith('pt_reclaim fast path: pmd_clear(pmd0)'))).toBe(true);
    expect(t.some((a) => a.startsWith('pt_reclaim: pmd_clear'))).toBe(false);
  });

  it('v6.14 with ptl == pml: the trylock fails and the slow path frees the table', () => {
    const t = dontneedTrace(generic, false);
    expect(t.some((a) => a.includes('failed: it is the held ptl'))).toBe(true);
    expect(t.some((a) => a.startsWith('pt_reclaim: pmd_clear(pmd0)'))).toBe(true);
  });

  it('2026 with ptl == pml: zap_empty_pte_table proceeds (the pmd lock is already held)', () => {
    expect(ptReclaimFastSameLock('v6.15')).toBe(false);
    expect(ptReclaimFastSameLock('2026')).toBe(true);
    const t = dontneedTrace(arm64_2026, false);
    expect(t.some((a) => a.startsWith('pt_reclaim fast path: pmd_clear(pmd0)'))).toBe(true);
  });

  it('a scan that broke off (full page batch, ptl dropped) takes the slow path', () => {
    const t = dontneedTrace(generic, true, 1);
    expect(t.some((a) => a.startsWith('pt_reclaim fast path'))).toBe(false);
    expect(t.some((a) => a.startsWith('pt_reclaim: pmd_clear(pmd0)'))).toBe(true);
  });

  it('the broken fixture that keeps direct_reclaim after a retry fails C-RM-3 only', () => {
    const { result } = checkAdapter(brokenFastAfterRetry, PROPERTIES, { runs: 3000, seed: 1, adapterRef: brokenFastAfterRetry.name });
    expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual(['C-RM-3']);
  });
});
