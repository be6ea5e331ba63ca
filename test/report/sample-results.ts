/**
 * A hand-written `ResultsJson` for the report tests: one conforming adapter, one known-bad
 * adapter failing its documented contract with a 3-actor, 6-step counterexample, and one
 * adapter that failed to load. Names and messages carry markup and `#` on purpose, to exercise
 * escaping. {@link sampleSets} are smaller documents, one per way a run can end, each with the
 * exit code of `ptconform check`.
 */
import { judgeExpectation } from '../../src/check/expectation';
import { buildResults } from '../../src/cli/results';
import type { AdapterResult, ContractResult, Counterexample, ResultsJson } from '../../src/results/schema';

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
  knownBad: { kind: 'historical', contracts: ['C-LT-2'], fix: 'commit 0123456789ab ("powerpc: defer pte fragment free")' },
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

/**
 * {@link sampleResults} with the known-bad adapter documenting C-DT-1 (which passed) instead of
 * C-LT-2 (which failed): an unexpected failure and an unexpected pass (XPASS).
 */
export function sampleMisdocumented(fix: string): ResultsJson {
  const r = cloneSample();
  const kb = r.adapters[1] as AdapterResult;
  kb.knownBad = { kind: 'historical', contracts: ['C-DT-1'], fix };
  kb.asExpected = false;
  r.summary.unexpected++;
  return r;
}

/** A contract result for the sample sets. */
function contract(id: string, property: string, verdict: ContractResult['verdict'], ms = 40): ContractResult {
  const c: ContractResult = { id, property, summary: `summary of ${id}`, verdict, runs: verdict === 'n/a' ? 0 : 200, ms: verdict === 'n/a' ? 0 : ms };
  if (verdict === 'fail') {
    c.runsToFailure = 18;
    c.counterexample = { ...sampleCounterexample, violation: { ...sampleCounterexample.violation, contract: id } };
  }
  return c;
}

/**
 * An adapter result whose `verdict` and `asExpected` are computed as the check driver computes
 * them (src/check/checkAdapter.ts): `asExpected` is {@link judgeExpectation}, and never on error.
 */
function adapter(name: string, contracts: ContractResult[], knownBad?: string[], error?: string): AdapterResult {
  const failed = contracts.some((c) => c.verdict === 'fail');
  const verdict = error !== undefined ? 'error' : failed ? 'violates' : 'conforms';
  return {
    name, arch: 'riscv', era: 'v6.14', verdict,
    expectation: knownBad !== undefined ? 'known-bad' : 'conforms',
    asExpected: verdict !== 'error' && judgeExpectation(knownBad !== undefined ? { knownBad: { contracts: knownBad } } : {}, contracts).asExpected,
    ...(knownBad !== undefined ? { knownBad: { kind: 'historical' as const, contracts: knownBad, fix: 'riscv: move pagetable_dtor() to __tlb_remove_table()' } } : {}),
    ...(error !== undefined ? { error } : {}),
    contracts,
  };
}

const good = adapter('riscv-good', [contract('C-LT-1', 'lifetime', 'pass'), contract('C-LT-2', 'lifetime', 'pass'), contract('C-DT-1', 'dtor', 'n/a')]);
const kbFails = adapter('riscv-kb', [contract('C-LT-1', 'lifetime', 'pass', 30), contract('C-DT-1', 'dtor', 'fail', 90), contract('C-DT-3', 'dtor', 'pass', 25)], ['C-DT-1']);

/** A named result set with the exit code `ptconform check` gives it. */
export interface SampleSet {
  name: string;
  results: ResultsJson;
  exitCode: 0 | 1 | 2;
}

function set(name: string, exitCode: 0 | 1 | 2, adapters: AdapterResult[]): SampleSet {
  return { name, exitCode, results: buildResults('0.1.0', 1, 200, adapters) };
}

/**
 * Result sets covering every way a run can end: all pass; known-bad failing as expected
 * (including with its documented contract filtered out or n/a); known-bad passing (XPASS);
 * known-bad failing an undocumented contract; unexpected failure; adapter error; and a document
 * (written by other code) that says an adapter is not as expected without a failing contract.
 */
export const sampleSets: SampleSet[] = [
  set('all pass', 0, [good]),
  set('known-bad failing as expected', 0, [good, kbFails]),
  set('known-bad, documented contract filtered out (--property lifetime)', 0, [
    adapter('riscv-kb', [contract('C-LT-1', 'lifetime', 'pass'), contract('C-LT-2', 'lifetime', 'pass')], ['C-DT-1']),
  ]),
  set('known-bad, documented contract n/a', 0, [adapter('riscv-kb', [contract('C-LT-1', 'lifetime', 'pass'), contract('C-DT-1', 'dtor', 'n/a')], ['C-DT-1'])]),
  set('known-bad passing (XPASS)', 1, [good, adapter('riscv-kb', [contract('C-LT-1', 'lifetime', 'pass'), contract('C-DT-1', 'dtor', 'pass')], ['C-DT-1'])]),
  set('known-bad failing an undocumented contract', 1, [
    adapter('riscv-kb', [contract('C-LT-1', 'lifetime', 'fail'), contract('C-DT-1', 'dtor', 'fail')], ['C-DT-1']),
  ]),
  set('unexpected failure', 1, [kbFails, adapter('riscv-bad', [contract('C-LT-1', 'lifetime', 'pass'), contract('C-LT-2', 'lifetime', 'fail')])]),
  set('adapter error', 2, [good, kbFails, adapter('riscv-broken', [], undefined, 'adapter threw: pte_free_defer is not a function')]),
  set('adapter error after some contracts ran, and an unexpected failure', 2, [
    adapter('riscv-bad', [contract('C-LT-2', 'lifetime', 'fail')]),
    adapter('riscv-limit', [contract('C-DT-1', 'dtor', 'fail')], ['C-DT-1'], 'model limit in property lifetime: too many steps'),
  ]),
  set('no adapters', 0, []),
  set('a results file whose asExpected no contract result explains', 1, [{ ...good, asExpected: false }]),
];
