/**
 * A hand-written `ResultsJson` for the report tests: one conforming adapter, one known-bad
 * adapter failing its documented contract with a 3-actor, 6-step counterexample, and one
 * adapter that failed to load. Names and messages carry markup and `#` on purpose, to exercise
 * escaping.
 */
import type { AdapterResult, Counterexample, ResultsJson } from '../../src/results/schema';

/** The counterexample of the known-bad adapter: cpu0 walks, cpu1 frees, rcu runs the callback. */
export const sampleCounterexample: Counterexample = {
  steps: [
    { index: 0, actor: 'cpu0', op: 'walker(pte_offset_map_lock, pmd0)', action: 'rcu_read_lock()', objects: [] },
    { index: 1, actor: 'cpu0', op: 'walker(pte_offset_map_lock, pmd0)', action: 'pmd_read(pmd0) -> pt@0x3000', objects: ['pt@0x3000'] },
    { index: 2, actor: 'cpu1', op: 'retract(pmd0)', action: 'pmd_clear(pmd0)', objects: ['pt@0x3000'] },
    { index: 3, actor: 'cpu1', op: 'retract(pmd0)', action: 'pte_free_defer(pt@0x3000)', objects: ['pt@0x3000', 'page#5'] },
    { index: 4, actor: 'rcu', op: 'grace_period', action: 'pte_free_now(pt@0x3000) & pagetable_dtor', objects: ['pt@0x3000', 'ptl#3'] },
    {
      index: 5,
      actor: 'cpu0',
      op: 'walker(pte_offset_map_lock, pmd0)',
      action: 'spin_lock(ptl#3) <use-after-free>',
      objects: ['ptl#3'],
      violation: true,
    },
  ],
  length: 4,
  seed: 424242,
  path: '17:3:0',
  replay: 'ptconform replay --adapter "powerpc-frag-v6.5" --contract C-LT-2 --seed 424242 --path "17:3:0"',
  violation: {
    contract: 'C-LT-2',
    message: 'cpu0 took ptl#3 of pt@0x3000 after its RCU grace period ended & the table was freed',
    step: 5,
  },
  actors: ['cpu0', 'cpu1', 'rcu'],
};

const conforming: AdapterResult = {
  name: 'x86-tlb-v6.13',
  arch: 'x86',
  era: 'v6.13',
  verdict: 'conforms',
  expectation: 'conforms',
  asExpected: true,
  source: 'arch/x86/mm/pgtable.c: ___pte_free_tlb (v6.13)',
  contracts: [
    { id: 'C-LT-1', property: 'lifetime', summary: 'a table is freed only once', verdict: 'pass', runs: 200, ms: 41 },
    { id: 'C-LT-2', property: 'lifetime', summary: 'no walker sees a freed table', verdict: 'pass', runs: 200, ms: 57 },
    { id: 'C-DT-1', property: 'dtor', summary: 'pagetable_dtor runs before the page is freed #1', verdict: 'n/a', runs: 0, ms: 0 },
  ],
};

const knownBad: AdapterResult = {
  name: 'powerpc-frag-v6.5',
  arch: 'powerpc',
  era: 'v6.5',
  verdict: 'violates',
  expectation: 'known-bad',
  asExpected: true,
  knownBad: { contracts: ['C-LT-2'], fix: 'commit 0123456789ab ("powerpc: defer pte fragment free")' },
  source: 'arch/powerpc/mm/pgtable-frag.c: pte_fragment_free (v6.5)',
  contracts: [
    { id: 'C-LT-1', property: 'lifetime', summary: 'a table is freed only once', verdict: 'pass', runs: 200, ms: 38 },
    {
      id: 'C-LT-2',
      property: 'lifetime',
      summary: 'no walker sees a freed table',
      verdict: 'fail',
      runs: 18,
      ms: 112,
      runsToFailure: 18,
      counterexample: sampleCounterexample,
    },
    { id: 'C-DT-1', property: 'dtor', summary: 'pagetable_dtor runs before the page is freed #1', verdict: 'pass', runs: 200, ms: 12 },
  ],
};

const broken: AdapterResult = {
  name: './adapters/broken <"x"> & y.ts',
  arch: 'riscv',
  era: 'v6.13',
  verdict: 'error',
  expectation: 'conforms',
  asExpected: false,
  error: 'TypeError: pte_free_defer is not a function\n    at load (adapters/broken.ts:3:7)',
  contracts: [],
};

/** The sample results document (adapters deliberately not in arch order). */
export const sampleResults: ResultsJson = {
  schema: 1,
  tool: 'ptconform',
  version: '0.1.0',
  seed: 424242,
  runs: 200,
  adapters: [conforming, knownBad, broken],
  summary: { adapters: 3, passed: 4, failed: 1, notApplicable: 1, errors: 1, unexpected: 1 },
};

/** A deep copy of {@link sampleResults}, for tests that modify it. */
export function cloneSample(): ResultsJson {
  return JSON.parse(JSON.stringify(sampleResults)) as ResultsJson;
}
