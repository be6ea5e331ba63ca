/**
 * The findings policy (docs/CHECKING.md "Findings"): a failing run that matches a known
 * generic-mm finding of src/findings/registry.ts is classed as that finding, apart from the
 * adapter's verdict, and every output names it; matching is precise, so a real bug on the same
 * contract stays the adapter's failure.
 */
import { describe, expect, it } from '@jest/globals';
import x86PaeNative from '../arch/x86/pae-native-v6.5';
import x86PaePv from '../arch/x86/pae-pv-v6.5';
import { adapter as b36Adapter } from '../fixtures/bugs/b36-pae-sync-stub';
import brokenNoSync from '../fixtures/broken/x86-pae-no-lockless-sync';
import { adapter as f1Fixture, scenario as f1Scenario } from '../fixtures/findings/collapse-unsplit-ptl-reclaim';
import { scenario as f2Scenario } from '../fixtures/findings/pae-sync-stub-remote-walker';
import { monitorsFor } from '../src/bugs/run';
import { mergeAdapterResults } from '../src/check/result';
import { classify } from '../src/check/search';
import { CONTRACTS } from '../src/contracts/catalog';
import type { Adapter } from '../src/adapter/types';
import type { Scenario } from '../src/engine/scenario';
import { findingOf, FINDINGS } from '../src/findings/registry';
import { badgeFor } from '../src/report/badges';
import { renderJunit } from '../src/report/junit';
import { renderKtap } from '../src/report/ktap';
import { buildMatrix } from '../src/report/matrix';
import { renderSummaryLine } from '../src/report/summary';
import { resultsProblem } from '../src/results/validate';
import type { AdapterResult, ResultsJson } from '../src/results/schema';

/** How the check classes one run of `adapter` on `sc` (every contract judged, every applicable monitor). */
function classOf(adapter: Adapter, sc: Scenario): string | null {
  return classify(adapter, sc, { contracts: new Set(CONTRACTS.map((c) => c.id)), monitors: monitorsFor(adapter) }).cls;
}

/** `a` as an adapter with no expectation of failing (what a correct adapter with that configuration is). */
function correct(a: Adapter): Adapter {
  const { knownBad: _k, ...rest } = a;
  return rest;
}

describe('the registry', () => {
  it('has unique ids, catalogued contracts and references', () => {
    expect(new Set(FINDINGS.map((f) => f.id)).size).toBe(FINDINGS.length);
    for (const f of FINDINGS) {
      expect(CONTRACTS.some((c) => c.id === f.contract)).toBe(true);
      expect(f.reference).not.toBe('');
    }
  });
});

describe('F1: collapse vs PT_RECLAIM with unsplit ptlocks', () => {
  it('is the finding on an adapter not documented for C-RM-1', () => {
    expect(classOf(correct(f1Fixture), f1Scenario)).toBe('finding:F1');
  });
  it('stays the contract on an adapter documented known-bad for it', () => {
    expect(classOf(f1Fixture, f1Scenario)).toBe('C-RM-1');
  });
  it('does not match another C-RM-1 event, nor the same one without the reclaim clear before it', () => {
    const violation = { contract: 'C-RM-1', message: 'pmdp_collapse_flush(pmd1) by cpu2 without holding pmd_lock and the table\'s ptl', step: 1 };
    const trace = [{ actor: 'cpu1', op: 'madvise', action: 'pt_reclaim: pmd_clear(pmd1) (pt@0x1000)', objects: [] }];
    expect(findingOf({ adapter: correct(f1Fixture), scenario: f1Scenario, violation, trace })).toBeUndefined();
    const none = { ...violation, message: 'pmdp_collapse_flush(pmd1) by cpu2 found no table (the pmd is none): ...' };
    expect(findingOf({ adapter: correct(f1Fixture), scenario: f1Scenario, violation: none, trace })?.id).toBe('F1');
    expect(findingOf({ adapter: correct(f1Fixture), scenario: f1Scenario, violation: none, trace: [] })).toBeUndefined();
    expect(findingOf({ adapter: correct(f1Fixture), scenario: { ...f1Scenario, splitPtl: true }, violation: none, trace })).toBeUndefined();
  });
});

describe('F2 (B36): PAE sync stub, a half reader outside mm_cpumask', () => {
  it('is the finding on the registered x86-32 PAE native adapter (not documented for C-PAE-1)', () => {
    expect(classOf(x86PaeNative, f2Scenario)).toBe('finding:F2');
  });
  it('stays the contract on the B36 corpus fixture, which documents it', () => {
    expect(classOf(b36Adapter, f2Scenario)).toBe('C-PAE-1');
  });
  it('a real bug on C-PAE-1 (no pmdp_get_lockless_sync at all, B19) is the adapter\'s failure, documented or not', () => {
    const native = { ...x86PaeNative, declarations: { ...x86PaeNative.declarations, mm: { noLowHighSync: true } } };
    expect(classOf(native, f2Scenario)).toBe('C-PAE-1');
    expect(classOf(correct(brokenNoSync), f2Scenario)).toBe('C-PAE-1');
  });
  it('a flush that reaches nobody (not the IPI to mm_cpumask) is the adapter\'s failure', () => {
    const noIpi = { ...correct(b36Adapter), declarations: { ...b36Adapter.declarations, flushTransport: 'hypercall' as const } };
    const { tlb_flush: _t, flush_tlb_range: _f, ...generic } = noIpi;
    const cls = classOf(generic, f2Scenario);
    expect(cls).toBe('C-PAE-1');
  });
  it('does not happen with RCU table free: the sync IPI waits for the half reader', () => {
    expect(classOf(x86PaePv, f2Scenario)).toBeNull();
  });
});

/** A results document of one adapter with finding F2. */
function withFinding(): { doc: ResultsJson; adapter: AdapterResult } {
  const counterexample = {
    steps: [{ index: 0, actor: 'cpu0', op: 'khugepaged', action: 'spin_unlock(pmd_ptl#3)', objects: [], violation: true }],
    length: 1, seed: 1, path: '7', replay: 'npx ptconform check --adapter x --seed 1 --path 7 --contract C-PAE-1',
    violation: { contract: 'C-PAE-1', message: 'late half reader', step: 0 }, actors: ['cpu0'],
  };
  const f2 = FINDINGS.find((f) => f.id === 'F2')!;
  const adapter: AdapterResult = {
    name: 'x86-pae-native-v6.6', arch: 'x86', era: 'v6.6', verdict: 'conforms', expectation: 'conforms', asExpected: true,
    contracts: [{ id: 'C-PAE-1', property: 'pae', summary: 's', verdict: 'pass', runs: 10, ms: 0 }],
    findings: [{ id: 'F2', title: f2.title, contract: 'C-PAE-1', status: 'open', reference: f2.reference, runsToFailure: 8, ms: 1, counterexample }],
  };
  const doc: ResultsJson = {
    schema: 1, tool: 'ptconform', version: '0', seed: 1, runs: 10, adapters: [adapter],
    summary: { adapters: 1, passed: 1, failed: 0, notApplicable: 0, errors: 0, unexpected: 0 },
  };
  return { doc, adapter };
}

describe('outputs name the finding apart from the verdict', () => {
  it('JSON validates; merge keeps the first finding by index', () => {
    const { doc, adapter } = withFinding();
    expect(resultsProblem(doc)).toBeNull();
    const later = { ...adapter, findings: [{ ...adapter.findings![0]!, runsToFailure: 20 }] };
    const clean: AdapterResult = { ...adapter };
    delete clean.findings;
    expect(mergeAdapterResults(clean, later).findings?.map((f) => f.runsToFailure)).toEqual([20]);
    expect(mergeAdapterResults(later, adapter).findings?.map((f) => f.runsToFailure)).toEqual([8]);
    expect(mergeAdapterResults(later, adapter).asExpected).toBe(true);
    expect(resultsProblem({ ...doc, adapters: [{ ...adapter, findings: [{ id: 'F2' }] }] })).toMatch(/findings\[0\]/);
  });
  it('text summary, KTAP, JUnit, matrix and badge say finding F2; totals and exit are unchanged', () => {
    const { doc, adapter } = withFinding();
    expect(renderSummaryLine(doc)).toContain('findings: F2 (1 adapter)');
    const ktap = renderKtap(doc);
    expect(ktap).toContain('except finding F2');
    expect(ktap).toContain('# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0');
    expect(ktap).toMatch(/^ok 1 x86-pae-native-v6.6$/m);
    const junit = renderJunit(doc);
    expect(junit).toContain('name="finding F2 (C-PAE-1, generic mm, open)');
    expect(junit).toContain('<property name="findings" value="F2" />');
    const m = buildMatrix(doc);
    expect(m.rows[0]!.status.text).toBe('conforms except finding F2');
    expect(m.rows[0]!.cells[0]!.text).toBe('pass + finding F2');
    expect(badgeFor(adapter)).toMatchObject({ message: 'conforms except finding F2', color: 'yellowgreen' });
  });
});
