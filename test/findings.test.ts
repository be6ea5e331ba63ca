/**
 * Model findings beyond the catalog, kept as regression cases: each reproduces its contract in
 * the configuration it names and not in the neighbouring correct one.
 */
import { describe, expect, it } from '@jest/globals';
import { adapter, scenario } from '../fixtures/findings/collapse-unsplit-ptl-reclaim';
import { runScenario } from '../src/engine/runner';

describe('collapse_pte_mapped_thp vs PT_RECLAIM with unsplit ptlocks', () => {
  it('reports C-RM-1 when ptl == pml', () => {
    const r = runScenario(adapter, scenario);
    expect(r.violation?.contract).toBe('C-RM-1');
  });
  it('is clean with split ptlocks (the v6.13+ recheck under ptl != pml)', () => {
    const r = runScenario(adapter, { ...scenario, splitPtl: true });
    expect(r.violations).toEqual([]);
  });
});
