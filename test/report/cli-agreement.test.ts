/**
 * The built CLI's outputs (text summary line, KTAP, JUnit, JSON) agree with its exit code, end to
 * end: a known-bad adapter failing those of its documented contracts that `--property` ran
 * (exit 0), and the replay command `check` prints for it (exit 0); one whose documented contract
 * `--property` filtered out (exit 0); a known-bad adapter whose documented contract passes
 * (XPASS, exit 1); and an adapter error next to a known-bad adapter (exit 2).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResultsJson } from '../../src/results/schema';
import { ensureBuilt, ROOT, runCli, tmpDir, removeTmpDirs } from '../cli/helpers';
import { countKtap, ktapTotals, parseKtap } from './ktap-parser';
import { parseXml } from './xml-check';

const B1 = 'fixtures/broken/b1-dtor-before-rcu.ts';
/** Documented to fail C-LT-4 (property lifetime), C-DT-1 and C-DT-6 (property dtor). */
const DEFER_FREES_NOW = 'fixtures/broken/defer-frees-now.ts';
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('agreement');
  const generic = JSON.stringify(path.join(ROOT, 'arch', 'generic', 'v6.14'));
  fs.writeFileSync(
    path.join(dir, 'xpass.ts'),
    `import generic from ${generic};\nexport default { ...generic, name: 'xpass-generic', knownBad: { kind: 'suspected', contracts: ['C-DT-1'], fix: 'none: this code is correct' } };\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'throws.ts'),
    `import generic from ${generic};\nexport default { ...generic, name: 'throws-in-hook', __pte_free_tlb() { throw new Error('boom'); } };\n`,
  );
});
afterAll(removeTmpDirs);

/** Runs `check ...args` writing every output, and returns the exit code, stdout and the parsed outputs. */
function check(name: string, args: string[]): { status: number | null; stdout: string; ktap: ReturnType<typeof ktapTotals>; junit: Record<string, string>; json: ResultsJson } {
  const out = path.join(dir, name);
  const r = runCli(['check', ...args, '--runs', '1500', '--ktap', `${out}.ktap`, '--junit', `${out}.xml`, '--json', `${out}.json`], { timeout: 120_000 });
  expect(r.stderr).toBe('');
  const doc = parseKtap(fs.readFileSync(`${out}.ktap`, 'utf8'));
  expect(countKtap(doc)).toEqual(ktapTotals(doc));
  return {
    status: r.status, stdout: r.stdout, ktap: ktapTotals(doc),
    junit: parseXml(fs.readFileSync(`${out}.xml`, 'utf8')).attrs,
    json: JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) as ResultsJson,
  };
}

/** Asserts that the text summary line, KTAP, JUnit and the JSON summary agree with `status`. */
function expectAgreement(r: ReturnType<typeof check>): void {
  const clean = r.status === 0;
  const line = /^\d+ adapter\(s\): .* contracts: pass:\d+ fail:(\d+) xfail:\d+ xpass:(\d+) skip:\d+ error:(\d+)$/m.exec(r.stdout);
  expect(line).not.toBeNull();
  const [fail, xpass, error] = (line as RegExpExecArray).slice(1).map(Number) as [number, number, number];
  expect(fail + xpass + error === 0).toBe(clean);
  expect(r.ktap).toMatchObject({ fail, xpass, error });
  expect(r.ktap.fail + r.ktap.xpass + r.ktap.error === 0).toBe(clean);
  expect(r.ktap.error > 0).toBe(r.status === 2);
  expect(Number(r.junit['failures']) + Number(r.junit['errors']) === 0).toBe(clean);
  expect(Number(r.junit['errors']) > 0).toBe(r.status === 2);
  expect(r.json.summary.unexpected === 0).toBe(clean);
  expect(r.json.summary.errors > 0).toBe(r.status === 2);
}

describe('check, end to end', () => {
  test('a known-bad adapter failing the documented contracts that ran: exit 0, xfails, no failure anywhere', () => {
    const r = check('defer-frees-now-dtor', ['--adapter', DEFER_FREES_NOW, '--property', 'dtor']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('known-bad (historical), as expected');
    expect(r.ktap).toEqual({ pass: 2, fail: 0, xfail: 2, xpass: 0, skip: 0, error: 0 });
    expectAgreement(r);

    // the replay command check printed is as expected too
    const replay = /replay: npx ptconform check (.*)$/m.exec(r.stdout)?.[1];
    expect(replay).toBeDefined();
    const again = runCli(['check', ...(replay as string).split(' ')], { timeout: 120_000 });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('known-bad (historical), as expected');
    expect(again.stdout).not.toContain('UNEXPECTED');
  });

  test('--property that leaves the documented contract out: judged on what ran, exit 0', () => {
    const r = check('b1-defer-alloc', ['--adapter', B1, '--property', 'defer-alloc']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('UNEXPECTED');
    expect(r.ktap.xfail + r.ktap.fail + r.ktap.xpass).toBe(0);
    expectAgreement(r);
  });

  test('a known-bad adapter whose documented contract passes (XPASS): exit 1', () => {
    const r = check('xpass', ['--adapter', path.join(dir, 'xpass.ts'), '--property', 'dtor']);
    expect(r.status).toBe(1);
    expect(r.ktap).toMatchObject({ xpass: 1, fail: 0, error: 0 });
    expectAgreement(r);
  });

  test('an adapter error next to a known-bad adapter: exit 2', () => {
    const r = check('error', ['--adapter', path.join(dir, 'throws.ts'), '--adapter', B1, '--property', 'dtor']);
    expect(r.status).toBe(2);
    expect(r.ktap).toMatchObject({ error: 1, xfail: 2, fail: 0, xpass: 0 });
    expectAgreement(r);
  });
});
