/**
 * Anonymous THP collapse and the life of a huge pmd (src/mm/khugepaged_anon.ts,
 * src/mm/huge_memory.ts): collapse_huge_page() deposits the old table, zap_huge_pmd() withdraws
 * and frees it, a split withdraws and refills it; the ops appear in generated scenarios; B26's
 * assert_pte_locked() and B33's replace_page_tables() variant fail their contracts, and the
 * correct code paths pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { ADAPTERS } from '../arch';
import generic from '../arch/generic/v6.14';
import b26 from '../fixtures/broken/b26-ppc-assert-pte-locked';
import b33 from '../fixtures/broken/b33-deposited-table-reused';
import { monitorsFor } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { opKinds, scenarioArb, type Scenario } from '../src/engine/scenario';
import type { Op } from '../src/engine/ops';
import type { Adapter } from '../src/adapter/types';
import { quietScenario } from './helpers';

const byName = (n: string): Adapter => ADAPTERS.find((a) => a.name === n)!;

/** Both slots anonymous with two present pages each; `programs` run one after another (cpu0 first). */
function anonScenario(programs: Op[][], over: Partial<Scenario> = {}): Scenario {
  const slot = { vma: 'anon' as const, shared: false, uffd: 'none' as const, table: true, ptes: ['dirty' as const, 'clean' as const] };
  return quietScenario({
    slots: [{ ...slot, ptes: [...slot.ptes] }, { ...slot, ptes: [...slot.ptes] }],
    programs: [...programs, ...Array.from({ length: 3 - programs.length }, () => [])],
    schedule: programs.map((_, a) => ({ a, n: 64 })),
    ...over,
  });
}

function actions(adapter: Adapter, sc: Scenario): { text: string; violation: string | null } {
  const r = runScenario(adapter, sc, { monitors: monitorsFor(adapter) });
  return { text: r.trace.map((t) => t.action).join('\n'), violation: r.violation ? `${r.violation.contract}: ${r.violation.message}` : null };
}

describe('anon collapse_huge_page() and the huge pmd it installs', () => {
  it('deposits the old table under the huge pmd; munmap withdraws and frees it (no leak at teardown)', () => {
    const r = actions(generic, anonScenario([[{ k: 'collapse_anon', slot: 0 }], [{ k: 'munmap', slot: 0 }]]));
    expect(r.violation).toBeNull();
    expect(r.text).toMatch(/pmdp_collapse_flush\(pmd0\): clear .* \(anon collapse\)/);
    expect(r.text).toMatch(/tlb_remove_table_sync_one/);
    expect(r.text).toMatch(/pgtable_trans_huge_deposit\(pmd0, /);
    expect(r.text).toMatch(/set_pmd_at\(pmd0, huge /);
    expect(r.text).toMatch(/zap_huge_pmd\(pmd0\)\npgtable_trans_huge_withdraw\(pmd0\)/);
  });

  it('a split withdraws the deposited table, refills it and pmd_populate()s it; walkers see the huge pmd as no table', () => {
    const sc = anonScenario([
      [{ k: 'collapse_anon', slot: 1 }],
      [{ k: 'walk', slot: 1, index: 0, api: 'lock' }, { k: 'gup_fast', slot: 1, index: 0 }, { k: 'split', slot: 1 }],
      [{ k: 'walk', slot: 1, index: 1, api: 'map' }, { k: 'dontneed', slot: 1 }],
    ]);
    const r = actions(generic, sc);
    expect(r.violation).toBeNull();
    expect(r.text).toMatch(/__pte_offset_map\(pmd1\) = NULL \(huge\)/);
    expect(r.text).toMatch(/pgtable_trans_huge_withdraw\(pmd1\) = .*\n__split_huge_pmd_locked: set_ptes/);
    expect(r.text).toMatch(/pmd_populate\(pmd1, /);
  });

  it('leaves a table with a swap entry alone (no swapin), without a violation', () => {
    // The scan already refuses a swap entry (no swapin in the model): nothing is deposited.
    const sc = anonScenario([[{ k: 'collapse_anon', slot: 0 }]]);
    sc.slots[0]!.ptes = ['dirty', 'swap'];
    const r = actions(generic, sc);
    expect(r.violation).toBeNull();
    expect(r.text).not.toMatch(/pgtable_trans_huge_deposit/);
  });

  it('deposit and withdraw run clean where pgtable_t is a pte_t * (the list threaded through the table)', () => {
    for (const name of ['s390-2026', 'sparc64-2026', 'powerpc-book3s64-2026']) {
      const r = actions(byName(name), anonScenario([[{ k: 'collapse_anon', slot: 0 }], [{ k: 'split', slot: 0 }]]));
      expect(r.text).toMatch(/pgtable_trans_huge_withdraw\(pmd0\)/);
      expect(r.violation === null || /C-LT-4|C-PPC/.test(r.violation)).toBe(true);
    }
  });
});

describe('generator', () => {
  it('offers collapse_anon and split to THP adapters from v6.5, not to 2012 or non-THP ones', () => {
    expect(opKinds(generic).has('collapse_anon')).toBe(true);
    expect(opKinds(generic).has('split')).toBe(true);
    expect(opKinds(byName('x86-pv-2012')).has('collapse_anon')).toBe(false);
    for (const a of ADAPTERS.filter((x) => !x.declarations.THP)) expect(opKinds(a).has('collapse_anon')).toBe(false);
  });

  it('draws anon collapses at a measured rate, and some of them install a huge pmd', () => {
    const scs = fc.sample(scenarioArb(generic), { seed: 1, numRuns: 600 });
    const withAnon = scs.filter((sc) => sc.programs.flat().some((o) => o.k === 'collapse_anon'));
    // Measured (seed 1, 2000 scenarios of generic-v6.14): 23% draw collapse_anon, 0.5% install an
    // anon huge pmd (deposit, then a withdraw at zap or split); 25% draw split.
    expect(withAnon.length / scs.length).toBeGreaterThan(0.15);
    const installed = withAnon.filter((sc) => /set_pmd_at\(pmd\d, huge/.test(actions(generic, sc).text)).length;
    expect(installed).toBeGreaterThan(0);
  });
});

describe('B26: powerpc assert_pte_locked() during anon collapse (C-RM-12)', () => {
  const sc = anonScenario([[{ k: 'collapse_anon', slot: 0 }]]);
  it('the v3 04/13 helper without the pmd_none() return BUGs, reported as C-RM-12', () => {
    const r = runScenario(b26, sc);
    expect(r.violation?.contract).toBe('C-RM-12');
    expect(r.violations.map((v) => v.contract)).toContain('C-BUG');
  });
  it('the fixed helper (powerpc adapters) returns on pmd_none()', () => {
    for (const name of ['powerpc-book3s64-v6.6', 'powerpc-book3s64-2026']) {
      const a = byName(name);
      expect(a.assert_pte_locked).toBeDefined();
      const r = runScenario(a, sc, { judge: (v) => v.contract === 'C-RM-12' || v.contract === 'C-BUG' });
      expect(r.violation).toBeNull();
    }
  });
});

describe('B33: a deposited table withdrawn and refilled within its readers\' grace period (C-MAP-8)', () => {
  // cpu2 maps the table (stopped before its ptl), khugepaged retracts it (variant: deposits it
  // under the huge pmd), a split refills and reinstalls it, cpu2 locks it: pmd_same() passes.
  const sc: Scenario = quietScenario({
    slots: [0, 1].map(() => ({ vma: 'file' as const, shared: false, uffd: 'none' as const, table: true, ptes: ['clean' as const, 'clean' as const] })),
    programs: [[{ k: 'split', slot: 0 }], [{ k: 'khugepaged' }], [{ k: 'walk', slot: 0, index: 0, api: 'lock' }]],
    schedule: [{ a: 2, n: 1 }, { a: 1, n: 64 }, { a: 0, n: 64 }, { a: 2, n: 64 }],
  });
  it('the replace_page_tables() variant shows the stale view', () => {
    const r = runScenario(b33, sc, { monitors: monitorsFor(b33) });
    expect(r.violation?.contract).toBe('C-MAP-8');
    expect(r.violation?.message).toMatch(/stale view/);
  });
  it('the kernel\'s retract (pte_free_defer, split of a file THP = zap) does not', () => {
    const r = runScenario(generic, sc, { monitors: monitorsFor(generic) });
    expect(r.violation).toBeNull();
  });
});
