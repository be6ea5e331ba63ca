/**
 * No vacuous passes, no false positives: every property fails on at least one deliberately
 * broken adapter (with the expected contract), and the generic adapter passes every property
 * over several seeds.
 */
import { describe, expect, it } from '@jest/globals';
import generic from '../arch/generic/v6.14';
import { BROKEN } from '../fixtures';
import { PROPERTIES } from '../properties';
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';

function fixture(name: string): Adapter {
  const f = BROKEN.find((b) => b.adapter.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.adapter;
}

/** For each property, a broken adapter that must fail it, and the contract it must report. */
const MUST_FAIL: { property: string; fixture: string; contract: string }[] = [
  { property: 'map-balance', fixture: 'broken-b16-mips-update-tlb-no-unmap', contract: 'C-MAP-2' },
  { property: 'map-balance', fixture: 'broken-b18-show-pte-null', contract: 'C-MAP-9' },
  { property: 'lock-recheck', fixture: 'broken-pmd-same-always-true', contract: 'C-MAP-5' },
  { property: 'lock-recheck', fixture: 'broken-b27-pmd-same-bug', contract: 'C-RM-13' },
  { property: 'lifetime', fixture: 'broken-defer-frees-now', contract: 'C-LT-4' },
  { property: 'dtor', fixture: 'broken-b1-dtor-before-rcu', contract: 'C-DT-1' },
  { property: 'rcu-head', fixture: 'broken-b5-ppc-v1-shared-rcu-head', contract: 'C-LT-7' },
  { property: 'defer-alloc', fixture: 'broken-defer-allocates', contract: 'C-LT-5' },
  { property: 'detached-empty', fixture: 'broken-defer-writes-table', contract: 'C-LT-6' },
  { property: 'delayed-rmap', fixture: 'broken-no-gather-without-sync-flush', contract: 'C-GA-1' },
  { property: 'teardown', fixture: 'broken-defer-leaks', contract: 'C-TD-1' },
  { property: 'teardown', fixture: 'broken-s390-alloc-order-one', contract: 'C-TD-2' },
  { property: 'map-balance', fixture: 'broken-show-pte-after-unmap', contract: 'C-MAP-13' },
  { property: 'dtor', fixture: 'broken-b1-dtor-before-rcu', contract: 'C-DT-6' },
  { property: 'lockdep', fixture: 'broken-s390-defer-unlocked-list', contract: 'C-LK-1' },
  { property: 'lockdep', fixture: 'broken-s390-defer-recursive-lock', contract: 'C-LK-2' },
  { property: 'lockdep', fixture: 'broken-update-mmu-cache-pmd-lock', contract: 'C-LK-3' },
  { property: 'lists', fixture: 'broken-s390-alloc-leaves-listed', contract: 'C-LIST-1' },
  { property: 'highpte', fixture: 'broken-highpte-map-without-kmap', contract: 'C-HP-1' },
  { property: 'xen', fixture: 'broken-xen-pv-free-pinned', contract: 'C-XEN-1' },
  { property: 'xen', fixture: 'broken-xen-pv-unpin-before-pgd', contract: 'C-XEN-2' },
  { property: 'xen', fixture: 'broken-xen-pv-release-no-unpin', contract: 'C-XEN-2' },
  { property: 'xen', fixture: 'broken-xen-pv-release-stays-readonly', contract: 'C-XEN-1' },
  { property: 'mips', fixture: 'broken-mips-update-tlb-unaligned-pair', contract: 'C-MIPS-1' },
  { property: 'fork', fixture: 'broken-arm64-flush-tlb-mm-no-secondary-tlbs', contract: 'C-FORK-1' },
];

describe('every property can fail', () => {
  it('covers every registered property with at least one broken adapter', () => {
    for (const p of PROPERTIES.filter((x) => ['map-balance', 'lock-recheck', 'lifetime', 'dtor', 'rcu-head', 'defer-alloc', 'detached-empty', 'delayed-rmap', 'teardown', 'lockdep', 'lists'].includes(x.id))) {
      expect(MUST_FAIL.some((m) => m.property === p.id)).toBe(true);
    }
  });
  for (const m of MUST_FAIL) {
    it(`${m.property} fails on ${m.fixture} with ${m.contract}`, () => {
      const prop = PROPERTIES.find((p) => p.id === m.property)!;
      const { result } = checkAdapter(fixture(m.fixture), [prop], { runs: 1000, seed: 1, adapterRef: m.fixture });
      const failed = result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id);
      expect(failed).toContain(m.contract);
      const cx = result.contracts.find((c) => c.id === m.contract)!.counterexample!;
      expect(cx.violation.contract).toBe(m.contract);
      expect(cx.steps[cx.steps.length - 1]!.violation).toBe(true);
    });
  }
});

describe('the generic adapter conforms', () => {
  for (const seed of [11, 12, 13]) {
    it(`passes every property at seed ${seed} (300 runs each)`, () => {
      const { result } = checkAdapter(generic, PROPERTIES, { runs: 300, seed, adapterRef: generic.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => `${c.id}: ${c.counterexample?.violation.message}`)).toEqual([]);
      expect(result.verdict).toBe('conforms');
    });
  }
});

describe('broken fixtures fail exactly their documented contracts', () => {
  // Rare interleavings (B21: about one failing scenario in 1400; the C-S390-3 of
  // s390-alloc-leaves-listed, a fault preempted inside page_table_alloc() while a collapse defers
  // the table: about one in 3000, first at 12921 at seed 1 since the walk op draws its remote
  // flag; 15246 in the merged model with drawn geometry; pmd-same-always-true's C-RM-1: 4640)
  // get a larger budget. With twin ops on the neighbour pmd (most multi-slot scenarios carry one
  // more op) PT_RECLAIM's retry fast path is first caught at 2099 and the hugetlb unshare
  // fixtures at 2311 (seed 1).
  const RUNS: Record<string, number> = {
    'broken-b21-retract-no-recheck': 6000, 'broken-s390-alloc-leaves-listed': 20000, 'broken-pmd-same-always-true': 8000,
    'broken-pt-reclaim-fast-after-retry': 4000, 'broken-hugetlb-unshare-flush-after-unlock': 4000, 'broken-hugetlb-unshare-no-gup-sync': 4000,
  };
  for (const { adapter } of BROKEN) {
    it(`${adapter.name} → ${adapter.knownBad!.contracts.join(', ')}`, () => {
      const { result } = checkAdapter(adapter, PROPERTIES, { runs: RUNS[adapter.name] ?? 1500, seed: 1, adapterRef: adapter.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).sort()).toEqual([...adapter.knownBad!.contracts].sort());
    });
  }
});
