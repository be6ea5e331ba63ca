/**
 * The secondary MMU (an SVA-bound IOMMU, src/model/secondary.ts): which configurations have one,
 * how its walk cache fills and is invalidated through mmu notifiers in each era, and that a
 * table freed under its walk cache is C-LT-2 (B22), while the correct x86_64/arm64 flushes keep it
 * safe.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import generic from '../arch/generic/v6.14';
import x86v615 from '../arch/x86/v6.15';
import x86pv from '../arch/x86/pv-v6.14';
import x86_32 from '../arch/x86/x86-32-native-v6.14';
import arm64 from '../arch/arm64/v6.14';
import b22 from '../fixtures/broken/b22-retract-no-notifier';
import noSecondary from '../fixtures/broken/x86-flush-no-secondary-tlbs';
import { runScenario } from '../src/engine/runner';
import { opKinds, scenarioArb, type Scenario } from '../src/engine/scenario';
import type { Op } from '../src/engine/ops';
import { quietScenario } from './helpers';

/** Two shmem file slots with clean tables (khugepaged can retract them), warm caches, `programs` on the CPUs. */
function scenario(programs: Op[][], warm = true): Scenario {
  return quietScenario({
    warm,
    slots: [0, 1].map(() => ({ vma: 'file' as const, shared: true, uffd: 'none' as const, table: true, ptes: ['clean', 'clean'] })),
    programs: [...programs, [], [], []].slice(0, 3),
  });
}

describe('SVA declaration', () => {
  it('gives the dma op to x86_64 native and arm64 only', () => {
    expect(opKinds(x86v615).has('dma')).toBe(true);
    expect(opKinds(arm64).has('dma')).toBe(true);
    expect(opKinds(generic).has('dma')).toBe(false);
    expect(opKinds(x86pv).has('dma')).toBe(false);
    expect(opKinds(x86_32).has('dma')).toBe(false);
  });
  it('the default generator draws dma ops for an SVA adapter', () => {
    const scs = fc.sample(scenarioArb(x86v615), { seed: 1, numRuns: 400 });
    const n = scs.filter((s) => s.programs.some((p) => p.some((o) => o.k === 'dma'))).length;
    expect(n).toBeGreaterThan(20);
  });
});

describe('B22: retract_page_tables() without mmu notifiers', () => {
  it('the v1 retract on v6.4 notifiers frees a table the IOMMU walk cache still holds (C-LT-2)', () => {
    const r = runScenario(b22, scenario([[{ k: 'khugepaged' }]]));
    expect(r.violation?.contract).toBe('C-LT-2');
    expect(r.violation?.message).toMatch(/secondary MMU/);
  });
  it('a dma op that walks first fills the walk cache the same way (cold start)', () => {
    const r = runScenario(b22, scenario([[{ k: 'dma', slot: 0, index: 0, write: false }, { k: 'khugepaged' }]], false));
    expect(r.violation?.contract).toBe('C-LT-2');
  });
  it('on the same notifiers, munmap is safe: tlb_flush_mmu_tlbonly() calls ->invalidate_range()', () => {
    const r = runScenario(b22, scenario([[{ k: 'munmap', slot: 0 }, { k: 'dma', slot: 0, index: 0, write: true }]]));
    expect(r.violations).toEqual([]);
    expect(r.trace.some((e) => /mmu_notifier_invalidate_range\(\): iommu invalidates/.test(e.action))).toBe(true);
  });
});

describe('v6.6+: the arch flush invalidates secondary TLBs', () => {
  it('x86 v6.15: khugepaged, then a DMA to the retracted range, is safe', () => {
    const r = runScenario(x86v615, scenario([[{ k: 'khugepaged' }, { k: 'dma', slot: 1, index: 1, write: false }]]));
    expect(r.violations).toEqual([]);
    expect(r.trace.some((e) => /mmu_notifier_arch_invalidate_secondary_tlbs\(\): iommu invalidates/.test(e.action))).toBe(true);
  });
  it('arm64 v6.14: munmap then DMA is safe', () => {
    const r = runScenario(arm64, scenario([[{ k: 'munmap', slot: 1 }, { k: 'dma', slot: 1, index: 0, write: true }]]));
    expect(r.violations).toEqual([]);
  });
  it('an x86 flush without mmu_notifier_arch_invalidate_secondary_tlbs() is C-LT-2', () => {
    const r = runScenario(noSecondary, scenario([[{ k: 'khugepaged' }]]));
    expect(r.violation?.contract).toBe('C-LT-2');
  });
  it('exit_mmap releases the binding before the tables go (mmu_notifier_release)', () => {
    const r = runScenario(noSecondary, scenario([[{ k: 'dma', slot: 0, index: 1, write: false }]]));
    expect(r.violations).toEqual([]);
    expect(r.trace.some((e) => /mmu_notifier_release/.test(e.action))).toBe(true);
  });
});
