/**
 * The harness cannot be fooled by a faulty adapter: every adapter of fixtures/faulty/ ends as
 * that adapter's error or failure, never a pass, while the other adapters of the same run still
 * get their verdicts and the JSON is written. One run of the built CLI checks them all together.
 * (A thrown string has no stack: its error names the hook but not the source line.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'fs';
import path from 'path';
import type { AdapterResult, ResultsJson } from '../../src/results/schema';
import { ensureBuilt, removeTmpDirs, ROOT, runCli, tmpDir } from '../cli/helpers';

const FAULTY = fs.readdirSync(path.join(ROOT, 'fixtures', 'faulty')).filter((f) => f.endsWith('.ts')).sort();
/** The two that do not compile are named by their path (they never load, so they have no name). */
const NOT_COMPILING = ['syntax-error.ts', 'type-error.ts'];
const nameOf = (f: string): string => (NOT_COMPILING.includes(f) ? `fixtures/faulty/${f}` : `faulty-${f.replace(/\.ts$/, '')}`);

/** What each faulty adapter must end as: its verdict and a pattern of its error (or failing contract). */
const EXPECTED: Record<string, { verdict: AdapterResult['verdict']; error?: RegExp; fails?: string }> = {
  'faulty-throws-error': { verdict: 'error', error: /^adapter threw in __pte_free_tlb\(\) \(fixtures\/faulty\/throws-error\.ts:\d+\): Error: unimplemented __pte_free_tlb$/ },
  'faulty-throws-string': { verdict: 'error', error: /^adapter threw in pte_free_defer\(\): the string "pte_free_defer is not ready"$/ },
  'faulty-loops-forever': { verdict: 'error', error: /^timed out: no scenario finished for \d+ s .*\(while the generator calibrated itself on the adapter/ },
  'faulty-hangs-later': { verdict: 'error', error: /^timed out: no scenario finished for \d+ s .*\(in scenario index \d+\)$/ },
  'faulty-sleeps': { verdict: 'error', error: /^timed out: / },
  'faulty-exits': { verdict: 'error', error: /^the adapter ended the check: its worker exited with code 0 .*\((in scenario index \d+|while the generator calibrated itself on the adapter.*)\)$/ },
  'faulty-pollutes-prototype': { verdict: 'error', error: /^the adapter modified Array\.prototype\.push \(prototype pollution\)/ },
  'faulty-oom': { verdict: 'error', error: /^out of memory: the check's heap went past \d+ MiB/ },
  'faulty-never-returns-table': { verdict: 'error', error: /^vacuous: pte_alloc_one\(\) never returned a table in 500 scenarios/ },
  'faulty-bogus-table-address': { verdict: 'error', error: /^check failed: Error: the model crashed in scenario \d+: / },
  'faulty-warns': { verdict: 'violates', fails: 'C-WARN' },
  'faulty-bugs': { verdict: 'violates', fails: 'C-BUG' },
  'fixtures/faulty/syntax-error.ts': { verdict: 'error', error: /^not loaded: fixtures\/faulty\/syntax-error\.ts:\d+:\d+: error TS\d+: / },
  'fixtures/faulty/type-error.ts': { verdict: 'error', error: /^not loaded: fixtures\/faulty\/type-error\.ts:\d+:\d+: error TS2345: / },
};

let doc: ResultsJson;
let status: number | null;
let stdout: string;
let saved: string;

beforeAll(() => {
  ensureBuilt();
  const dir = tmpDir('faulty');
  saved = path.join(dir, 'saved');
  const adapters = FAULTY.flatMap((f) => ['--adapter', path.join('fixtures', 'faulty', f)]);
  const r = runCli(['check', ...adapters, '--adapter', 'generic-v6.14', '--adapter', 'fixtures/broken/b1-dtor-before-rcu.ts',
    '--runs', '500', '--timeout', '25', '--jobs', '2', '--quiet', '--save', saved, '--json', path.join(dir, 'out.json')], { timeout: 170_000 });
  status = r.status;
  stdout = r.stdout;
  doc = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')) as ResultsJson;
}, 180_000);
afterAll(removeTmpDirs);

describe('faulty adapters', () => {
  it('covers every faulty fixture', () => {
    expect(FAULTY.map(nameOf).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(Object.entries(EXPECTED))('%s ends as its own error or failure, never a pass', (name, e) => {
    const a = doc.adapters.find((x) => x.name === name)!;
    expect(a).toBeDefined();
    expect(a.verdict).toBe(e.verdict);
    expect(a.asExpected).toBe(false);
    if (e.error) expect(a.error).toMatch(e.error);
    if (e.fails) expect(a.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([e.fails]);
  });
  it('the other adapters of the run still get their verdicts', () => {
    expect(doc.adapters.find((x) => x.name === 'generic-v6.14')).toMatchObject({ verdict: 'conforms', asExpected: true });
    expect(doc.adapters.find((x) => x.name === 'broken-b1-dtor-before-rcu')).toMatchObject({ verdict: 'violates', asExpected: true });
    expect(doc.adapters).toHaveLength(FAULTY.length + 2);
    expect(stdout).toMatch(/^2 passed, 14 failed$/m);
    expect(status).toBe(2);
  });
  it('a hook that threw comes with the shrunk timeline up to the throw and a replay file', () => {
    const a = doc.adapters.find((x) => x.name === 'faulty-throws-error')!;
    const cx = a.errorCounterexample!;
    expect(cx.steps.length).toBeGreaterThan(0);
    expect(cx.violation.contract).toBe('error');
    expect(cx.file).toBeDefined();
    expect(fs.existsSync(cx.file!)).toBe(true);
  });
  it('a hung adapter leaves its last scenario in a replay file', () => {
    expect(fs.readdirSync(saved)).toContain('faulty-hangs-later--error--seed1.json');
  });
});
