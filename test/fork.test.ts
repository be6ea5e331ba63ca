/**
 * fork() (src/mm/fork.ts): copy_page_range() into a second mm that exits at once. The child's
 * tables go through the adapter's hooks for that mm, both mms' locks are taken as the kernel
 * takes them, and a correct adapter stays clean.
 */
import { describe, expect, it } from '@jest/globals';
import generic from '../arch/generic/v6.14';
import s390 from '../arch/s390/v6.6';
import sharedList from '../fixtures/broken/s390-fork-shared-pgtable-list';
import arm64V6_14 from '../arch/arm64/v6.14';
import x86V6_15 from '../arch/x86/v6.15';
import arm64NoSecondary from '../fixtures/broken/arm64-flush-tlb-mm-no-secondary-tlbs';
import fc from 'fast-check';
import { opKinds, scenarioArb } from '../src/engine/scenario';
import { runScenario } from '../src/engine/runner';
import type { Scenario } from '../src/engine/scenario';
import type { Op } from '../src/engine/ops';
import { quietScenario } from './helpers';

/** Two anon slots with dirty tables (so both have an anon_vma and fork copies them). */
function scenario(programs: Op[][], over: Partial<Scenario> = {}): Scenario {
  return quietScenario({
    slots: [0, 1].map(() => ({ vma: 'anon' as const, shared: false, uffd: 'none' as const, table: true, ptes: ['dirty', 'none'] })),
    programs: [...programs, [], [], []].slice(0, 3),
    ...over,
  });
}

describe('fork', () => {
  it('copies the anon tables into a child mm, which allocates and frees its own through the hooks', () => {
    const r = runScenario(generic, scenario([[{ k: 'fork' }]]));
    expect(r.violations).toEqual([]);
    const actions = r.trace.map((e) => e.action);
    expect(actions.some((a) => /dup_mmap: mm_alloc\(\) = child mm#2/.test(a))).toBe(true);
    expect(actions.filter((a) => /ptep_set_wrprotect/.test(a)).length).toBe(2);
    expect(actions.some((a) => /spin_lock_nested\(ptl/.test(a))).toBe(true);
    expect(actions.some((a) => /child exits/.test(a))).toBe(true);
  });
  it('leaves the parent intact: a later fault and teardown are clean', () => {
    const r = runScenario(generic, scenario([[{ k: 'fork' }, { k: 'fault', slot: 0, index: 0, write: true }, { k: 'munmap', slot: 1 }]]));
    expect(r.violations).toEqual([]);
  });
  it('is generated for every adapter', () => {
    expect(opKinds(generic).has('fork')).toBe(true);
    expect(opKinds(s390).has('fork')).toBe(true);
    const scs = fc.sample(scenarioArb(generic), { seed: 1, numRuns: 400 });
    expect(scs.filter((sc) => sc.programs.some((p) => p.some((o) => o.k === 'fork'))).length).toBeGreaterThan(20);
  });
  it('s390: the child allocates its 2K halves on its own pgtable_list under its own lock', () => {
    const r = runScenario(s390, scenario([[{ k: 'fork' }]]));
    expect(r.violations).toEqual([]);
  });
  it('an s390 free-half list shared by every mm is caught only once there is a second mm (C-LK-1)', () => {
    expect(runScenario(sharedList, scenario([[{ k: 'fault', slot: 0, index: 1, write: true }, { k: 'munmap', slot: 1 }]])).violations).toEqual([]);
    const r = runScenario(sharedList, scenario([[{ k: 'fork' }]]));
    expect(r.violation?.contract).toBe('C-LK-1');
  });
});

describe('fork and the SVA IOTLB (C-FORK-1)', () => {
  // warm: the device has DMAed into every present page, so its IOTLB holds writable, dirty entries.
  const warm = (): Scenario => scenario([[{ k: 'fork' }]], { warm: true });

  it('arm64: dup_mmap() calls the arch flush_tlb_mm(oldmm), whose secondary-TLB invalidation clears the IOTLB', () => {
    const r = runScenario(arm64V6_14, warm());
    expect(r.violations).toEqual([]);
    const i = r.trace.findIndex((e) => /^mmu_notifier_arch_invalidate_secondary_tlbs\(\): iommu invalidates/.test(e.action));
    expect(i).toBeGreaterThan(r.trace.findIndex((e) => e.action.startsWith('ptep_set_wrprotect(')));
    // The arch's hook ran (ASIDE1IS: a broadcast over the whole mm), not the generic flush_tlb_mm().
    expect(r.trace.some((e) => /^flush_tlb_mm\(/.test(e.action))).toBe(false);
    expect(r.trace.some((e) => /walk cache\): broadcast \(no IPI\)$/.test(e.action))).toBe(true);
  });

  it('x86 v6.15: the generic flush_tlb_mm(oldmm) ends with the secondary-TLB invalidation', () => {
    expect(x86V6_15.declarations.IOMMU_SVA).toBe(true);
    const r = runScenario(x86V6_15, warm());
    expect(r.violations).toEqual([]);
    expect(r.trace.some((e) => /^mmu_notifier_arch_invalidate_secondary_tlbs\(\): iommu invalidates/.test(e.action))).toBe(true);
  });

  it('an arm64 flush_tlb_mm() without the secondary-TLB call leaves the device a writable translation of a COW page', () => {
    const r = runScenario(arm64NoSecondary, warm());
    expect(r.violations.map((v) => v.contract)).toEqual(['C-FORK-1']);
  });
});
