/**
 * hugetlb PMD sharing (src/mm/hugetlb.ts): huge_pmd_unshare() against GUP-fast. The 2026 code
 * and Jann Horn's inline tlb_remove_table_sync_one() conform; the historical variants fail
 * C-HUGE-1 where the kernel did (flush after i_mmap_rwsem everywhere; no sync where the flush
 * sends no IPI), and pass where the IPI flush waited for GUP-fast anyway (x86).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import arm64_2026 from '../arch/arm64/2026';
import x86_2026 from '../arch/x86/2026';
import x86_v6_15 from '../arch/x86/v6.15';
import flushAfterUnlock from '../fixtures/broken/hugetlb-unshare-flush-after-unlock';
import noGupSync from '../fixtures/broken/hugetlb-unshare-no-gup-sync';
import type { Adapter, MmVariant } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { opKinds, scenarioArb } from '../src/engine/scenario';
import { PROPERTIES } from '../properties';

const lifetime = PROPERTIES.filter((p) => p.id === 'lifetime');

function hugeVerdict(adapter: Adapter, runs: number): string | undefined {
  const { result } = checkAdapter(adapter, lifetime, { runs, seed: 1, adapterRef: adapter.name });
  return result.contracts.find((c) => c.id === 'C-HUGE-1')?.verdict;
}

function variant(base: Adapter, mm: MmVariant): Adapter {
  return { ...base, name: `${base.name}-${mm.hugetlbUnshare}`, declarations: { ...base.declarations, mm } };
}

describe('hugetlb PMD sharing', () => {
  it('is generated for the 2026 x86/arm64/riscv adapters only', () => {
    expect(opKinds(x86_2026).has('hugetlb_unshare')).toBe(true);
    expect(opKinds(arm64_2026).has('hugetlb_gup_fast')).toBe(true);
    expect(opKinds(x86_v6_15).has('hugetlb_unshare')).toBe(false);
    const scs = fc.sample(scenarioArb(x86_2026), { seed: 1, numRuns: 500 });
    const ops = scs.flatMap((s) => s.programs.flat());
    expect(ops.some((o) => o.k === 'hugetlb_unshare')).toBe(true);
    expect(ops.some((o) => o.k === 'hugetlb_gup_fast')).toBe(true);
  });

  it('the historical variants fail C-HUGE-1', () => {
    expect(hugeVerdict(flushAfterUnlock, 3000)).toBe('fail');
    expect(hugeVerdict(noGupSync, 3000)).toBe('fail');
  });

  it('the 2026 code and the inline sync conform; no sync is safe where the flush IPIs (x86)', () => {
    expect(hugeVerdict(arm64_2026, 3000)).toBe('pass');
    expect(hugeVerdict(variant(arm64_2026, { hugetlbUnshare: 'sync-inline' }), 3000)).toBe('pass');
    expect(hugeVerdict(variant(x86_2026, { hugetlbUnshare: 'no-sync' }), 3000)).toBe('pass');
  });
});
