/**
 * Bad inputs to the built CLI: each is exactly one line on stderr and exit 2, never a stack
 * trace, never a verdict.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, expectOneLineError, runCli, tmpDir, removeTmpDirs } from './helpers';

let dir: string;


afterAll(removeTmpDirs);
beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('errors');
  fs.writeFileSync(path.join(dir, 'no-hooks.ts'), "export default { name: 'no-hooks', arch: 'x', era: 'v6.14', source: 's' };\n");
  fs.writeFileSync(path.join(dir, 'throws.ts'), "throw new Error('boom\\nsecond line');\n");
  fs.writeFileSync(path.join(dir, 'not-json.json'), '{ "tool": "ptconform", ');
  fs.writeFileSync(path.join(dir, 'not-replay.json'), JSON.stringify({ tool: 'ptconform', kind: 'counterexample', schema: 1, adapter: 'generic-v6.14', property: 'lifetime', contracts: ['C-LT-1'] }));
  fs.writeFileSync(path.join(dir, 'results-bad-verdict.json'), JSON.stringify({
    schema: 1, tool: 'ptconform', version: '0.1.0', seed: 1, runs: 1,
    summary: { adapters: 1, passed: 0, failed: 0, notApplicable: 0, errors: 0, unexpected: 0 },
    adapters: [{ name: 'a', arch: 'x', era: 'v6.14', verdict: 'conforms', expectation: 'conforms', asExpected: true, contracts: [{ id: 'C-LT-1', property: 'lifetime', summary: 's', verdict: 'maybe', runs: 1, ms: 0 }] }],
  }));
  fs.writeFileSync(path.join(dir, 'results-not-json.json'), '[1, 2');
  fs.writeFileSync(path.join(dir, 'results-foreign.json'), JSON.stringify({ hello: 'world' }));
});

describe('bad inputs: one line on stderr, exit 2', () => {
  test('unknown adapter name', () => {
    const r = runCli(['check', '--adapter', 'no-such-adapter', '--runs', '5']);
    expectOneLineError(r, /^ptconform: unknown adapter 'no-such-adapter'/);
    expect(r.stdout).toBe('');
  });

  test('nonexistent adapter path', () => {
    const r = runCli(['check', '--adapter', path.join(dir, 'missing.ts'), '--runs', '5']);
    expectOneLineError(r, /^ptconform: adapter file not found: .*missing\.ts$/);
  });

  test('a module without hooks', () => {
    const r = runCli(['check', '--adapter', path.join(dir, 'no-hooks.ts'), '--runs', '5']);
    const line = expectOneLineError(r, /is not a valid adapter: /);
    expect(line).toContain('missing hook pte_alloc_one()');
    expect(line).toContain("missing 'declarations'");
  });

  test('a module that throws while loading (multi-line message)', () => {
    const r = runCli(['check', '--adapter', path.join(dir, 'throws.ts'), '--runs', '5']);
    expectOneLineError(r, /^ptconform: cannot load adapter .*throws\.ts: boom$/);
  });

  test('malformed replay file: not JSON', () => {
    expectOneLineError(runCli(['replay', path.join(dir, 'not-json.json')]), /^ptconform: .*not-json\.json: malformed replay file: not JSON /);
  });

  test('malformed replay file: no scenario', () => {
    expectOneLineError(runCli(['replay', path.join(dir, 'not-replay.json')]), /^ptconform: .*not-replay\.json: adapterName: expected a non-empty single-line string, got nothing \(the field is missing\)$/);
  });

  test('missing replay file', () => {
    expectOneLineError(runCli(['replay', path.join(dir, 'nope.json')]), /^ptconform: replay file not found: /);
  });

  test('unknown flag', () => {
    expectOneLineError(runCli(['check', '--bogus']), /unknown option '--bogus'/);
  });

  test('bad flag value', () => {
    expectOneLineError(runCli(['check', '--runs', '0']), /--runs.*'0' is invalid/);
  });

  test('unknown command', () => {
    expectOneLineError(runCli(['frobnicate']), /unknown command 'frobnicate'/);
  });

  test('--json - and --ktap both on stdout', () => {
    expectOneLineError(runCli(['check', '--json', '-', '--ktap', '--runs', '5']), /cannot both write to stdout/);
  });

  test('malformed results JSON: a bad verdict, named by its path', () => {
    const r = runCli(['report', '--from', path.join(dir, 'results-bad-verdict.json'), '--out', path.join(dir, 'site1')]);
    expectOneLineError(r, /^ptconform: .*results-bad-verdict\.json: malformed results file: adapters\[0\]\.contracts\[0\]\.verdict must be one of pass, fail, n\/a$/);
    expect(fs.existsSync(path.join(dir, 'site1'))).toBe(false);
  });

  test('malformed results JSON: not JSON', () => {
    expectOneLineError(runCli(['report', '--from', path.join(dir, 'results-not-json.json'), '--out', path.join(dir, 'site2')]), /^ptconform: .*results-not-json\.json: malformed results file: not JSON /);
  });

  test('malformed results JSON: not a ptconform document', () => {
    expectOneLineError(runCli(['report', '--from', path.join(dir, 'results-foreign.json'), '--out', path.join(dir, 'site3')]), /not a ptconform results file/);
  });

  test('report without --out', () => {
    expectOneLineError(runCli(['report', '--from', path.join(dir, 'results-foreign.json')]), /required option '--out <dir>'/);
  });

  test('export of a malformed replay file, and an unknown --as', () => {
    expectOneLineError(runCli(['export', path.join(dir, 'not-replay.json'), '--out', path.join(dir, 'x.test.js')]), /not-replay\.json: adapterName: expected/);
    expectOneLineError(runCli(['export', path.join(dir, 'not-replay.json'), '--as', 'mocha']), /--as <format>.*'mocha' is invalid/);
  });

  test('new-arch with a bad name', () => {
    expectOneLineError(runCli(['new-arch', '../escape', '--dir', dir]), /^ptconform: bad adapter name '\.\.\/escape'/);
    expectOneLineError(runCli(['new-arch', 'generic-v6.14', '--dir', dir]), /already the name of a registered adapter/);
  });
});
