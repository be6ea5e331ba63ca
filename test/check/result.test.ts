/**
 * Merging the results of scenario ranges of one adapter (two jobs, two CI shards) and judging
 * coverage: the merge is what one pass over the union finds, and vacuity is judged on the sum.
 */
import { describe, expect, it } from '@jest/globals';
import generic from '../../arch/generic/v6.14';
import b1 from '../../fixtures/broken/b1-dtor-before-rcu';
import { PROPERTIES } from '../../properties';
import { checkAdapter } from '../../src/check/checkAdapter';
import { emptyCoverage, MIN_SCENARIOS_FOR_COVERAGE, requiredHooks, vacuity } from '../../src/check/coverage';
import { finalizeAdapterResult, mergeAdapterResults, mergeAll } from '../../src/check/result';
import type { AdapterResult } from '../../src/results/schema';

function withoutTimings(r: AdapterResult): string {
  return JSON.stringify(r, (k, v: unknown) => (k === 'ms' ? 0 : v));
}

describe('merging ranges', () => {
  it('two ranges of a known-bad adapter merge into the one-pass result, in either order', () => {
    // At seed 3, C-DT-6 first fails at scenario 174 (first range), C-DT-1 at 528 (second range).
    const whole = checkAdapter(b1, PROPERTIES, { runs: 800, seed: 3, adapterRef: 'b1' }).result;
    const a = checkAdapter(b1, PROPERTIES, { runs: 800, seed: 3, from: 0, count: 300, adapterRef: 'b1' }).result;
    const b = checkAdapter(b1, PROPERTIES, { runs: 800, seed: 3, from: 300, count: 500, adapterRef: 'b1' }).result;
    expect(withoutTimings(mergeAdapterResults(a, b))).toBe(withoutTimings(whole));
    expect(withoutTimings(mergeAdapterResults(b, a))).toBe(withoutTimings(whole));
    expect(whole.verdict).toBe('violates');
    expect(whole.asExpected).toBe(true);
  });
  it('a failure found in the later range only is kept, with its index in the whole budget', () => {
    const whole = checkAdapter(b1, PROPERTIES, { runs: 200, seed: 1, adapterRef: 'b1' }).result;
    const first = whole.contracts.find((c) => c.verdict === 'fail')!;
    const k = first.runsToFailure! - 1;
    const late = checkAdapter(b1, PROPERTIES, { runs: 200, seed: 1, from: k, count: 200 - k, adapterRef: 'b1' }).result;
    expect(late.contracts.find((c) => c.id === first.id)!.runsToFailure).toBe(first.runsToFailure);
  });
  it('refuses results of different adapters', () => {
    const a = checkAdapter(generic, PROPERTIES, { runs: 5, seed: 1, adapterRef: 'g' }).result;
    expect(() => mergeAdapterResults(a, { ...a, name: 'other' })).toThrow(/different adapters/);
  });
  it('the earliest error wins, and an error without an index (a timeout) comes last', () => {
    const a = checkAdapter(generic, PROPERTIES, { runs: 10, seed: 1, adapterRef: 'g' }).result;
    const late = { ...a, error: 'adapter threw: late', errorIndex: 9 };
    const early = { ...a, error: 'adapter threw: early', errorIndex: 2 };
    const timeout = { ...a, error: 'timed out' };
    expect(mergeAll([late, early]).error).toBe('adapter threw: early');
    expect(mergeAll([timeout, late]).error).toBe('adapter threw: late');
    expect(mergeAll([a, timeout])).toMatchObject({ verdict: 'error', error: 'timed out', asExpected: false });
  });
});

describe('coverage and vacuity', () => {
  const noTables = (n: number) => ({ ...emptyCoverage(generic), scenarios: n });
  it('is not judged below the minimum number of scenarios', () => {
    expect(vacuity(noTables(MIN_SCENARIOS_FOR_COVERAGE - 1))).toBeNull();
    expect(vacuity(noTables(MIN_SCENARIOS_FOR_COVERAGE))).toMatch(/^vacuous: pte_alloc_one\(\) never returned a table/);
  });
  it('names the required hooks that never ran', () => {
    const c = { ...noTables(500), tablesReturned: 10, hooks: { pte_alloc_one: 10, __pte_free_tlb: 3 } };
    expect(vacuity(c)).toBe('vacuous: required hook(s) pte_free_defer() never ran in 500 scenarios');
    expect(vacuity({ ...c, hooks: { ...c.hooks, pte_free_defer: 1 } })).toBeNull();
  });
  it('with THP the deferred free is required; without it only allocation and the gather free', () => {
    expect(requiredHooks(generic)).toEqual(['pte_alloc_one', '__pte_free_tlb', 'pte_free_defer']);
    expect(requiredHooks({ ...generic, declarations: { ...generic.declarations, THP: false } })).toEqual(['pte_alloc_one', '__pte_free_tlb']);
  });
  it('ranges too small to judge alone are judged on their sum', () => {
    const a = checkAdapter(generic, PROPERTIES, { runs: 300, seed: 1, from: 0, count: 150, adapterRef: 'g' }).result;
    const vac = { ...a, coverage: { ...a.coverage!, tablesReturned: 0 } };
    expect(vac.coverage.scenarios).toBe(150);
    expect(mergeAdapterResults(vac, vac)).toMatchObject({ verdict: 'error', error: expect.stringMatching(/^vacuous:/) as unknown as string });
  });
  it('guards a pass only: a check with a failed contract keeps its verdict and counterexample', () => {
    const { result } = checkAdapter(b1, PROPERTIES, { runs: 300, seed: 1, adapterRef: 'b1' });
    expect(result.verdict).toBe('violates');
    const uncovered = finalizeAdapterResult({ ...result, coverage: { ...result.coverage!, tablesReturned: 0 } });
    expect(uncovered.verdict).toBe('violates');
    expect(uncovered.error).toBeUndefined();
  });
  it('a real check records the configurations it drew and every hook it ran', () => {
    const { coverage } = checkAdapter(generic, PROPERTIES, { runs: 300, seed: 1, adapterRef: 'g' }).result;
    expect(coverage!.scenarios).toBe(300);
    expect(coverage!.hooks.pte_alloc_one).toBeGreaterThan(0);
    expect(coverage!.hooks.__pte_free_tlb).toBeGreaterThan(0);
    expect(coverage!.features['split-ptl']).toBe(300);
    expect(coverage!.applicableFeatures).toContain('reclaim');
  });
});
