/**
 * `ptconform report --from RESULTS.json --out DIR` on real `check --json` output, and the
 * machine outputs of `check --junit FILE --ktap --badges DIR` (JUnit parsed by the strict XML
 * checker, KTAP by the strict KTAP parser, the shields endpoint JSON against its schema).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResultsJson } from '../../src/results/schema';
import { resultsProblem } from '../../src/results/validate';
import { parseKtap } from '../report/ktap-parser';
import { cloneSample, sampleResults } from '../report/sample-results';
import { childElements, findAll, parseXml } from '../report/xml-check';
import { ensureBuilt, ROOT, runCli, tmpDir, removeTmpDirs } from './helpers';

const FIXTURE = path.join(ROOT, 'fixtures', 'broken', 'defer-frees-now.ts');
let dir: string;
let check: ReturnType<typeof runCli>;


afterAll(removeTmpDirs);
beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('report');
  // A conforming adapter and a broken fixture (pte_free_defer frees at once: C-LT-4), on the
  // lifetime and dtor properties only, to keep it quick.
  check = runCli([
    'check', '--adapter', 'generic-v6.14', '--adapter', FIXTURE, '-p', 'lifetime', '-p', 'dtor', '--runs', '1500', '--quiet',
    '--json', path.join(dir, 'r.json'), '--junit', path.join(dir, 'r.xml'), '--ktap', '--badges', path.join(dir, 'b') + '/',
  ]);
});

describe('check --json/--junit/--ktap/--badges', () => {
  test('exits 0 (the fixture fails as documented), and stdout is a KTAP document only', () => {
    expect(check.status).toBe(0);
    const doc = parseKtap(check.stdout);
    expect(doc.plan).toBe(2);
    expect(doc.tests.map((t) => t.name)).toEqual(['generic-v6.14', expect.stringMatching(/broken-defer-frees-now/)]);
    expect(doc.tests[0]!.ok).toBe(true);
    expect(doc.tests[0]!.subtests?.tests.every((t) => t.ok)).toBe(true);
    // C-LT-4 is a documented known-bad contract: an expected failure
    const lt4 = doc.tests[1]!.subtests?.tests.find((t) => t.name.startsWith('C-LT-4'));
    expect(lt4).toMatchObject({ ok: true, directive: 'XFAIL' });
    expect(doc.tests[1]!.ok).toBe(true);
    // The closing lines moved to stderr.
    expect(check.stderr).toMatch(/^\d+ passed, \d+ failed$/m);
  });

  test('JUnit XML is well-formed, one testsuite per adapter, the expected failure skipped, not failed', () => {
    const root = parseXml(fs.readFileSync(path.join(dir, 'r.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    const suites = childElements(root, 'testsuite');
    expect(suites.map((s) => s.attrs['name'])).toEqual(['generic-v6.14', expect.stringMatching(/broken-defer-frees-now/)]);
    expect(findAll(suites[0]!, (e) => e.name === 'failure')).toHaveLength(0);
    expect(findAll(suites[1]!, (e) => e.name === 'failure')).toHaveLength(0);
    expect(findAll(suites[1]!, (e) => e.name === 'skipped' && (e.attrs['message'] ?? '').startsWith('expected failure')).length).toBeGreaterThanOrEqual(1);
    expect(root.attrs['failures']).toBe('0');
    expect(Number(root.attrs['tests'])).toBe(childElements(suites[0]!, 'testcase').length + childElements(suites[1]!, 'testcase').length);
  });

  test('badges: an SVG and a shields endpoint JSON per adapter, plus the summary', () => {
    const files = fs.readdirSync(path.join(dir, 'b')).sort();
    expect(files).toContain('summary.json');
    expect(files).toContain('summary.svg');
    expect(files).toContain('generic-v6.14.json');
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    for (const f of files.filter((x) => x.endsWith('.json'))) {
      const v = JSON.parse(fs.readFileSync(path.join(dir, 'b', f), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(v).sort()).toEqual(['color', 'label', 'message', 'schemaVersion']);
      expect(v['schemaVersion']).toBe(1);
      for (const k of ['label', 'message', 'color']) expect(typeof v[k]).toBe('string');
      expect((v['message'] as string).length).toBeGreaterThan(0);
    }
    for (const f of files.filter((x) => x.endsWith('.svg'))) expect(fs.readFileSync(path.join(dir, 'b', f), 'utf8')).toMatch(/^<svg/);
    const g = JSON.parse(fs.readFileSync(path.join(dir, 'b', 'generic-v6.14.json'), 'utf8')) as Record<string, unknown>;
    expect(g['message']).toBe('conforms');
  });
});

describe('report --from --out', () => {
  test('writes index.html and matrix.md from the results JSON', () => {
    const out = path.join(dir, 'site');
    const r = runCli(['report', '--from', path.join(dir, 'r.json'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${path.join(out, 'index.html')}`);
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const root = parseXml(html, { allowDoctype: true });
    expect(findAll(root, (e) => e.name === 'table' && e.attrs['class'] === 'matrix')).toHaveLength(1);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as ResultsJson;
    const broken = doc.adapters[1]!;
    expect(broken.contracts.some((c) => c.id === 'C-LT-4' && c.verdict === 'fail')).toBe(true);
    const section = findAll(root, (e) => e.name === 'section' && e.attrs['id'] === `cx-${broken.name}-C-LT-4`);
    expect(section).toHaveLength(1);
    expect(findAll(section[0]!, (e) => e.name === 'tr' && e.attrs['class'] === 'violation')).toHaveLength(1);
    const md = fs.readFileSync(path.join(out, 'matrix.md'), 'utf8');
    expect(md.split('\n')[0]).toMatch(/^\| arch \| era \| adapter \| status \|/);
    expect(md).toContain('| generic-v6.14 |');
  });

  test('rewrites an existing report directory', () => {
    const out = path.join(dir, 'site');
    fs.writeFileSync(path.join(out, 'index.html'), 'stale');
    expect(runCli(['report', '--from', path.join(dir, 'r.json'), '--out', out]).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });
});

describe('resultsProblem (the validation behind report --from)', () => {
  test('accepts the sample results and real check output', () => {
    expect(resultsProblem(sampleResults)).toBeNull();
    expect(resultsProblem(JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')))).toBeNull();
  });

  test('names the first bad field', () => {
    const r = cloneSample() as unknown as { adapters: { contracts: { counterexample?: { steps: unknown[] } }[] }[] };
    const cx = r.adapters.flatMap((a) => a.contracts).find((c) => c.counterexample !== undefined)!.counterexample!;
    cx.steps[0] = { index: 0, actor: 'cpu0', op: 'x', action: 'y', objects: 'pt@0x1' };
    expect(resultsProblem(r)).toMatch(/^adapters\[\d+\]\.contracts\[\d+\]\.counterexample\.steps\[0\]\.objects must be an array of strings$/);
    expect(resultsProblem({ ...sampleResults, schema: 2 })).toBe('unsupported schema 2 (expected 1)');
    expect(resultsProblem([])).toBe('not a JSON object');
  });

  test('a known-bad adapter must say which kind it is', () => {
    const r = cloneSample() as unknown as { adapters: { knownBad?: { kind?: string } }[] };
    const kb = r.adapters.find((a) => a.knownBad !== undefined)!.knownBad!;
    delete kb.kind;
    expect(resultsProblem(r)).toMatch(/^adapters\[\d+\]\.knownBad\.kind must be one of/);
    kb.kind = 'rumoured';
    expect(resultsProblem(r)).toMatch(/^adapters\[\d+\]\.knownBad\.kind must be one of/);
  });
});

describe('the text output names an unexpected pass of a known-bad adapter', () => {
  test('a documented contract that passed is XPASS in its row and named in the verdict', () => {
    const r = runCli(['check', '--adapter', 'fixtures/broken/b1-dtor-before-rcu.ts', '--property', 'dtor', '--runs', '30', '--jobs', '1', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/UNEXPECTED \(known-bad \(historical\): documented C-DT-1, C-DT-6 passed: not found in 30 scenarios \(a larger --runs\?\)\)/);
    expect(r.stdout).toMatch(/C-DT-1 XPASS {2}C-DT-3 ok {2}C-DT-6 XPASS/);
  });
});
