import { describe, expect, test } from '@jest/globals';
import { renderKtap } from '../../src/report/ktap';
import { countKtap, ktapTotals, parseKtap, type KtapTest } from './ktap-parser';
import type { AdapterResult } from '../../src/results/schema';
import { cloneSample, sampleCounterexample, sampleMisdocumented, sampleResults } from './sample-results';

describe('ktap-parser', () => {
  const ok = ['KTAP version 1', '1..1', '    KTAP version 1', '    1..2', '    ok 1 a', '    ok 2 b # SKIP why', 'ok 1 top', ''].join('\n');

  test('accepts nested KTAP and reads results, directives and nesting', () => {
    const doc = parseKtap(ok);
    expect(doc.plan).toBe(1);
    const top = doc.tests[0] as KtapTest;
    expect(top).toMatchObject({ number: 1, ok: true, name: 'top' });
    expect(top.subtests?.tests.map((t) => [t.number, t.name, t.directive ?? ''])).toEqual([
      [1, 'a', ''],
      [2, 'b', 'SKIP'],
    ]);
  });

  test('accepts the nested example of ktap.rst (two-space indent)', () => {
    const example = [
      'KTAP version 1',
      '1..1',
      '  KTAP version 1',
      '  1..2',
      '  ok 1 test_1',
      '  not ok 2 test_2',
      '# example failed',
      'not ok 1 example',
    ].join('\n');
    const doc = parseKtap(example, { indent: '  ' });
    expect(doc.tests[0]?.diagnostics).toEqual(['example failed']);
  });

  test.each([
    ['missing version', ok.replace('KTAP version 1\n1..1', '1..1')],
    ['missing plan', ok.replace('    1..2\n', '')],
    ['plan mismatch', ok.replace('    1..2', '    1..3')],
    ['bad numbering', ok.replace('ok 2 b', 'ok 3 b')],
    ['bad indentation', ok.replace('    ok 1 a', '   ok 1 a')],
    ['parent ok with failing subtest', ok.replace('    ok 1 a', '    not ok 1 a')],
    ['# in a name', ok.replace('ok 1 top', 'ok 1 to#p')],
    ['unknown line', ok.replace('ok 1 top', 'garbage\nok 1 top')],
    ['nested block without result', ok.replace('ok 1 top\n', '')],
    ['lower-case directive', ok.replace('# SKIP why', '# skip why')],
    ['"#" not followed by a space', ok.replace('# SKIP why', '#SKIP why')],
    ['ok with ERROR', ok.replace('ok 1 top', 'ok 1 top # ERROR boom')],
    ['ok with TIMEOUT', ok.replace('    ok 1 a', '    ok 1 a # TIMEOUT 30 seconds')],
  ])('rejects %s', (_why, text) => {
    expect(() => parseKtap(text)).toThrow();
  });

  test('reads directives: ktap.rst keywords only; other words after " # " are diagnostic data', () => {
    const doc = parseKtap(['KTAP version 1', '1..4', 'ok 1 a # XFAIL known bug', 'not ok 2 b # XPASS passed', 'ok 3 c # rcode=0', 'not ok 4 d # TIMEOUT 30 seconds', ''].join('\n'));
    expect(doc.tests.map((t) => [t.directive ?? '', t.directiveText ?? ''])).toEqual([
      ['XFAIL', 'known bug'],
      ['', 'XPASS passed'],
      ['', 'rcode=0'],
      ['TIMEOUT', '30 seconds'],
    ]);
  });

  test('countKtap counts leaves like kselftest, and parents only where their subtests do not explain them', () => {
    const text = [
      'KTAP version 1', '1..3',
      '    KTAP version 1', '    1..4', '    ok 1 a', '    ok 2 b # XFAIL x', '    not ok 3 c # XPASS y', '    ok 4 d # SKIP z', 'not ok 1 p',
      '    KTAP version 1', '    1..1', '    ok 1 e', 'not ok 2 q',
      'not ok 3 r # ERROR boom',
      '# Totals: pass:2 fail:1 xfail:1 xpass:1 skip:1 error:1', '',
    ].join('\n');
    const doc = parseKtap(text);
    expect(countKtap(doc)).toEqual({ pass: 2, fail: 1, xfail: 1, xpass: 1, skip: 1, error: 1 });
    expect(ktapTotals(doc)).toEqual(countKtap(doc));
    expect(() => ktapTotals(parseKtap(ok))).toThrow('Totals');
  });
});

describe('renderKtap', () => {
  const ktap = renderKtap(sampleResults);
  const doc = parseKtap(ktap);

  test('is valid KTAP version 1: one top-level test per adapter', () => {
    expect(ktap.startsWith('KTAP version 1\n1..3\n')).toBe(true);
    expect(doc.plan).toBe(3);
    expect(doc.tests.map((t) => [t.number, t.ok, t.name])).toEqual([
      [1, true, 'x86-tlb-v6.13'],
      [2, true, 'powerpc-frag-v6.5'],
      [3, false, './adapters/broken <"x"> & y.ts'],
    ]);
  });

  test('nests one subtest per contract with 4-space indentation and a plan', () => {
    expect(ktap).toContain('\n    KTAP version 1\n    # Subtest: x86-tlb-v6.13\n');
    const sub = doc.tests[0]?.subtests;
    expect(sub?.plan).toBe(3);
    expect(sub?.tests.map((t) => [t.ok, t.name, t.directive ?? ''])).toEqual([
      [true, 'C-LT-1 a table is freed only once', ''],
      [true, 'C-LT-2 no walker sees a freed table', ''],
      [true, 'C-DT-1 pagetable_dtor runs before the page is freed _1', 'SKIP'],
    ]);
  });

  test('an expected failure is "ok # XFAIL" with the timeline and replay command in "# " diagnostics', () => {
    const failing = doc.tests[1]?.subtests?.tests[1] as KtapTest;
    expect(failing).toMatchObject({ number: 2, ok: true, name: 'C-LT-2 no walker sees a freed table', directive: 'XFAIL' });
    expect(failing.directiveText).toBe('known-bad (historical), fix: commit 0123456789ab ("powerpc: defer pte fragment free")');
    const diag = failing.diagnostics.join('\n');
    expect(diag).toMatch(/^>>\s+5 \| spin_lock\(ptl#3\)/m);
    expect(diag).toContain('!! C-LT-2 violated at step 5');
    expect(diag).toContain('replay: ptconform replay --adapter "powerpc-frag-v6.5"');
    // every line of the failing subtest's diagnostics is a 4-space-indented "# " line
    const raw = ktap.split('\n').filter((l) => l.includes('spin_lock(ptl#3)'));
    expect(raw.length).toBeGreaterThan(0);
    for (const l of raw) expect(l.startsWith('    # ')).toBe(true);
  });

  test('an adapter error is "not ok" with an ERROR directive and no subtests', () => {
    const broken = doc.tests[2] as KtapTest;
    expect(broken.subtests).toBeUndefined();
    expect(broken.directive).toBe('ERROR');
    expect(broken.diagnostics[0]).toBe('error: TypeError: pte_free_defer is not a function');
  });

  test('an adapter error with the scenario that ends in it: its timeline in the diagnostics', () => {
    const r = cloneSample();
    (r.adapters[2] as AdapterResult).errorCounterexample = sampleCounterexample;
    const broken = parseKtap(renderKtap(r)).tests[2] as KtapTest;
    expect(broken.directive).toBe('ERROR');
    expect(broken.diagnostics.slice(0, 2)).toEqual(['error: TypeError: pte_free_defer is not a function', '    at load (adapters/broken.ts:3:7)']);
    expect(broken.diagnostics).toContain('replay: ptconform replay --adapter "powerpc-frag-v6.5" --contract C-LT-2 --seed 424242 --path "17:3:0"');
  });

  test('test names never contain "#", even when adapter and contract names do', () => {
    const r = cloneSample();
    const a = r.adapters[1];
    if (a === undefined) throw new Error('fixture');
    a.name = 'x#y\nz';
    const parsed = parseKtap(renderKtap(r));
    expect(parsed.tests[1]?.name).toBe('x_y\\nz');
    const names = (ts: KtapTest[]): string[] => ts.flatMap((t) => [t.name, ...names(t.subtests?.tests ?? [])]);
    for (const n of names(parsed.tests)) expect(n).not.toContain('#');
  });

  test('a documented contract that passed is "not ok # XPASS"; an undocumented failure is "not ok"; the adapter is "not ok"', () => {
    const parsed = parseKtap(renderKtap(sampleMisdocumented('the #fix')));
    const top = parsed.tests[1] as KtapTest;
    expect(top.ok).toBe(false);
    expect(top.diagnostics).toEqual(['UNEXPECTED: C-LT-2 failed (not documented); documented known-bad C-DT-1 passed']);
    expect(top.subtests?.tests.map((t) => [t.ok, t.directive ?? '', t.directiveText ?? ''])).toEqual([
      [true, '', ''],
      [false, '', ''],
      [false, '', 'XPASS documented known-bad (historical) contract passed (fix: the _fix)'],
    ]);
    expect(ktapTotals(parsed)).toEqual({ pass: 3, fail: 1, xfail: 0, xpass: 1, skip: 1, error: 1 });
  });

  test('ends with the kselftest Totals line, which recounts the results', () => {
    expect(ktap.endsWith('\n# Totals: pass:4 fail:0 xfail:1 xpass:0 skip:1 error:1\n')).toBe(true);
    expect(countKtap(doc)).toEqual(ktapTotals(doc));
  });

  test('an empty result set is "1..0"', () => {
    const r = cloneSample();
    r.adapters = [];
    expect(renderKtap(r)).toBe('KTAP version 1\n1..0\n# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:0 error:0\n');
    expect(parseKtap(renderKtap(r)).tests).toEqual([]);
  });
});
