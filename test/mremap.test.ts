/**
 * New mappings, mremap and the munmap/exit_mmap timing (src/mm/mmap_region.ts,
 * src/mm/mremap.ts, src/mm/mmap.ts): each path does what the kernel does on a scenario built by
 * hand, its historical variants are caught (B29 with C-LK-3, the 2024 move_normal_pmd vs
 * retract_page_tables race with C-RM-1), the fixed code passes, and the generator draws the ops.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import generic from '../arch/generic/v6.14';
import x86pv2012 from '../arch/x86/pv-2012';
import b29 from '../fixtures/bugs/b29-mmap-region-lock-inversion';
import mremapNoRecheck from '../fixtures/broken/mremap-no-pmd-recheck';
import { PROPERTIES } from '../properties';
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import type { Op } from '../src/engine/ops';
import { runScenario } from '../src/engine/runner';
import { CPUS, SLOTS, scenarioArb, type Scenario } from '../src/engine/scenario';
import { quietScenario } from './helpers';

/** A quiet scenario with populated tables in every slot, running `programs` one CPU after the other. */
function scenario(programs: Op[][], over: Partial<Scenario> = {}): Scenario {
  const base = quietScenario();
  return {
    ...base,
    slots: base.slots.map((s) => ({ ...s, table: true, ptes: s.ptes.map(() => 'clean' as const) })),
    programs: [...programs, ...Array.from({ length: CPUS - programs.length }, () => [])],
    schedule: programs.map((_, a) => ({ a, n: 200 })),
    ...over,
  };
}

const actions = (trace: { actor: string; action: string; op: string }[], op: string): string[] =>
  trace.filter((t) => t.op.startsWith(op)).map((t) => t.action);

describe('mmap_region', () => {
  it('re-creates a VMA in a munmapped slot, where a fault allocates a new table', () => {
    const r = runScenario(generic, scenario([[{ k: 'munmap', slot: 0 }, { k: 'mmap', slot: 0 }, { k: 'fault', slot: 0, index: 1, write: true }]]));
    expect(r.violations).toEqual([]);
    const mmap = actions(r.trace, 'mmap(');
    expect(mmap.indexOf('vma_start_write(pmd0)')).toBeLessThan(mmap.indexOf('i_mmap_write_lock()'));
    expect(actions(r.trace, 'fault(').some((a) => a.startsWith('pmd_populate(pmd0'))).toBe(true);
  });
  it('fails on a slot that still has a VMA (MAP_FIXED_NOREPLACE)', () => {
    const r = runScenario(generic, scenario([[{ k: 'mmap', slot: 1 }]]));
    expect(r.violations).toEqual([]);
    expect(actions(r.trace, 'mmap(')).toContain('mmap(MAP_FIXED_NOREPLACE, pmd1) = -EEXIST');
  });
  it('B29: the inverted mmap_region() is a lock-order inversion (C-LK-3)', () => {
    // mremap's take_rmap_locks() learns vm_lock → i_mmap_rwsem; mmap in the slot it left inverts it.
    const r = runScenario(b29.adapter, scenario([[{ k: 'mremap', slot: 0, to: 1 }, { k: 'mmap', slot: 0 }]]));
    expect(r.violations.map((v) => v.contract)).toEqual(['C-LK-3']);
    expect(r.violations[0]!.message).toContain('vm_lock → i_mmap_rwsem');
  });
  it('has no per-VMA lock in the 2012 era', () => {
    const r = runScenario(x86pv2012, scenario([[{ k: 'munmap', slot: 0 }, { k: 'mmap', slot: 0 }]]));
    expect(r.violations).toEqual([]);
    expect(actions(r.trace, 'mmap(')).toContain('vma_iter_store(pmd0), vma_interval_tree_insert (i_mmap)');
    expect(r.trace.some((t) => t.action.startsWith('vma_start_write'))).toBe(false);
  });
});

describe('munmap and exit_mmap lock modes', () => {
  it('munmap unlinks the file VMA from i_mmap in free_pgtables, after the zap and the downgrade', () => {
    const r = runScenario(generic, scenario([[{ k: 'munmap', slot: 0 }]]));
    const a = actions(r.trace, 'munmap(');
    expect(a.indexOf('mmap_write_downgrade()')).toBeLessThan(a.indexOf('unlink_file_vma(pmd0)'));
    expect(a.indexOf('unlink_file_vma(pmd0)')).toBeLessThan(a.findIndex((x) => x.startsWith('free_pgtables: pmd_clear(pmd0)')));
  });
  it('munmap keeps the write lock in 2012', () => {
    const r = runScenario(x86pv2012, scenario([[{ k: 'munmap', slot: 0 }]]));
    expect(actions(r.trace, 'munmap(')).not.toContain('mmap_write_downgrade()');
  });
  it('exit_mmap unmaps under the read lock and frees under the write lock (v6.0+), takes none in 2012', () => {
    const now = actions(runScenario(generic, scenario([])).trace, 'exit_mmap');
    expect(now.indexOf('mmap_read_lock()')).toBeLessThan(now.indexOf('mmap_read_unlock()'));
    expect(now.indexOf('mmap_write_lock()')).toBeLessThan(now.findIndex((x) => x.startsWith('free_pgtables')));
    const old = actions(runScenario(x86pv2012, scenario([])).trace, 'exit_mmap');
    expect(old.filter((x) => x.startsWith('mmap_'))).toEqual([]);
  });
});

describe('mremap', () => {
  const movePmd: Adapter = { ...generic, name: 'generic-move-pmd', declarations: { ...generic.declarations, HAVE_MOVE_PMD: true } };
  it('moves the whole table with move_normal_pmd() (HAVE_MOVE_PMD)', () => {
    const sc = scenario([[{ k: 'mremap', slot: 0, to: 1 }, { k: 'fault', slot: 1, index: 0, write: false }]]);
    const r = runScenario(movePmd, sc, { teardown: false });
    expect(r.violations).toEqual([]);
    expect(actions(r.trace, 'mremap(').some((a) => a.startsWith('move_normal_pmd: pmd_clear(pmd0)'))).toBe(true);
  });
  it('moves entry by entry with move_ptes() without HAVE_MOVE_PMD', () => {
    const r = runScenario(generic, scenario([[{ k: 'mremap', slot: 1, to: 0 }]]));
    expect(r.violations).toEqual([]);
    const a = actions(r.trace, 'mremap(');
    expect(a.some((x) => x.startsWith('ptep_get_and_clear('))).toBe(true);
    expect(a.some((x) => x.startsWith('__pte_offset_map(pmd0)'))).toBe(true);
  });
  it('without the 2024 recheck, races retract_page_tables() into a bogus pmd (C-RM-1); the fix passes', () => {
    const lockRecheck = PROPERTIES.filter((p) => p.id === 'lock-recheck');
    const bad = checkAdapter(mremapNoRecheck, lockRecheck, { runs: 1500, seed: 1, adapterRef: mremapNoRecheck.name }).result;
    expect(bad.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual(['C-RM-1']);
    const fixed = checkAdapter(movePmd, lockRecheck, { runs: 1500, seed: 1, adapterRef: movePmd.name }).result;
    expect(fixed.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
  });
});

describe('the generator draws the new ops', () => {
  it('puts mmap and mremap into generated scenarios', () => {
    const seen = new Map<string, number>();
    for (const sc of fc.sample(scenarioArb(generic), { numRuns: 2000, seed: 7 })) {
      for (const k of new Set(sc.programs.flat().map((o) => o.k))) seen.set(k, (seen.get(k) ?? 0) + 1);
      for (const o of sc.programs.flat()) if (o.k === 'mremap' && sc.slots.length > 1) expect(o.to).not.toBe(o.slot);
    }
    expect(seen.get('mmap') ?? 0).toBeGreaterThan(100);
    expect(seen.get('mremap') ?? 0).toBeGreaterThan(100);
    expect(SLOTS).toBeGreaterThan(1);
  });
});
