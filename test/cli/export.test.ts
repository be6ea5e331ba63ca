/**
 * The whole regression-test story, through the built CLI: new-arch → check (conforms) → break
 * it (pte_free_defer frees at once) → check --save (C-LT-4) → export --as jest → run the
 * exported test with jest: it fails on the broken adapter and passes once the adapter is fixed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliEnv, ensureBuilt, expectOneLineError, ROOT, runCli, tmpDir, removeTmpDirs } from './helpers';

const NAME = 'exparch-v6.14';
const GOOD = '    call_rcu((pgtable as Page).rcu_head, pte_free_now);\n';
const BAD = '    adapter.pte_free(_mm, pgtable); // BROKEN: frees at once, no grace period\n';

let dir: string;
let adapterFile: string;
let saved: string;
let exported: string;

/** Run jest on the exported test alone, with no config file (a bare `{}` config) in its directory. */
function runExported(): { status: number | null; out: string } {
  const env = cliEnv();
  delete env['JEST_WORKER_ID'];
  const testDir = path.dirname(exported);
  const r = spawnSync(process.execPath, [
    path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', '{}', '--rootDir', testDir, '--ci', '--watchman=false',
    '--cacheDirectory', path.join(dir, 'jest-cache'),
  ], { cwd: testDir, encoding: 'utf8', env, timeout: 90_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}


afterAll(removeTmpDirs);
beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('export');
  adapterFile = path.join(dir, `${NAME}.ts`);
  saved = path.join(dir, 'saved', `${NAME}--C-LT-4--seed1.json`);
  exported = path.join(dir, 'tests', `${NAME}--C-LT-4--seed1.test.js`);
});

describe('new-arch → check → break → check --save → export → jest', () => {
  test('the scaffold conforms', () => {
    expect(runCli(['new-arch', NAME, '--dir', dir]).status).toBe(0);
    const r = runCli(['check', '--adapter', `./${NAME}.ts`, '-p', 'lifetime', '--runs', '60', '--quiet'], { cwd: dir });
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(r.status).toBe(0);
  });

  test('broken, check --save writes the C-LT-4 counterexample', () => {
    const text = fs.readFileSync(adapterFile, 'utf8');
    expect(text).toContain(GOOD);
    fs.writeFileSync(adapterFile, text.replace(GOOD, BAD));
    // Relative adapter path, run from the adapter's directory: the replay file stores it as given.
    const r = runCli(['check', '--adapter', `./${NAME}.ts`, '-p', 'lifetime', '--runs', '300', '--quiet', '--save', 'saved'], { cwd: dir });
    expect(r.stdout).toMatch(/C-LT-4 FAIL/);
    expect(r.status).toBe(1);
    const replay = JSON.parse(fs.readFileSync(saved, 'utf8')) as { adapter: string; contracts: string[]; violation: { contract: string }; adapterSha256: string; version: string };
    // The adapter path is relative to the replay file, with the source's hash and the tool version.
    expect(replay.adapter).toBe(`../${NAME}.ts`);
    expect(replay.adapterSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(replay.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(replay.violation.contract).toBe('C-LT-4');
    expect(replay.contracts).toContain('C-LT-4');
  });

  test('export --as jest writes a standalone test (from another directory)', () => {
    const r = runCli(['export', saved, '--as', 'jest', '--out', path.join(dir, 'tests') + '/']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${exported}`);
    const text = fs.readFileSync(exported, 'utf8');
    expect(text).toContain(`const ADAPTER = nodePath.resolve(__dirname, "../${NAME}.ts");`);
    expect(text).toContain('pt.evaluateAdapterFile(ADAPTER)');
    expect(text).toContain('const SCENARIO = {');
    expect(text).toContain(`const EXPORTED_FROM = ${JSON.stringify(ROOT)};`);
    // Never overwritten without --force.
    expectOneLineError(runCli(['export', saved, '--out', exported]), /already exists; not overwriting it \(use --force\)$/);
    expect(runCli(['export', saved, '--out', exported, '--force']).status).toBe(0);
  });

  test('the exported test FAILS on the broken adapter, showing the violation and its timeline', () => {
    const r = runExported();
    expect(r.out).toMatch(/exparch-v6\.14 violates C-LT-4 \(saved counterexample: C-LT-4\)/);
    expect(r.out).toMatch(/pte_free_defer\(pt@/);
    expect(r.out).toMatch(/Tests: +1 failed, 1 total/);
    expect(r.status).toBe(1);
  });

  test('evaluateAdapterFile (what exported tests use) runs in-tree adapters on the one compiled model', () => {
    // arch/ and fixtures/ import '../../src/kernel' (TypeScript): ptconform's own loader must map
    // those to dist, or the adapter would drive a second copy of the model.
    const script = `
      const pt = require(${JSON.stringify(ROOT)});
      const r = pt.readReplayFile(${JSON.stringify(saved)});
      const judge = { judge: (v) => r.contracts.includes(v.contract) };
      const out = {};
      for (const f of ['fixtures/broken/defer-frees-now.ts', 'arch/generic/v6.14.ts']) {
        const res = pt.runScenario(pt.evaluateAdapterFile(f), r.scenario, judge);
        out[f] = res.limit ?? (res.violation ? res.violation.contract : 'clean');
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: cliEnv(), timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ 'fixtures/broken/defer-frees-now.ts': 'C-LT-4', 'arch/generic/v6.14.ts': 'clean' });
  });

  test('and PASSES once the adapter is fixed (replay agrees)', () => {
    fs.writeFileSync(adapterFile, fs.readFileSync(adapterFile, 'utf8').replace(BAD, GOOD));
    const r = runExported();
    expect(r.out).toMatch(/Tests: +1 passed, 1 total/);
    expect(r.status).toBe(0);
    // From another directory: the adapter path is relative to the replay file, not to the cwd.
    const replay = runCli(['replay', saved]);
    expect(replay.stdout).toMatch(/no longer reproduces/);
    expect(replay.stdout).toMatch(/the adapter changed since this file was saved/);
    expect(replay.status).toBe(0);
  });
});

const ARM_FIXTURE = path.join(ROOT, 'fixtures', 'broken', 'arm-classic-no-widen.ts');

describe('counterexamples judged by an arch monitor', () => {
  // C-ARCH-5 is found by the arm property's monitor, not by the core model: replay (and the
  // exported test) must run that monitor too, or the counterexample "no longer reproduces".
  (fs.existsSync(ARM_FIXTURE) ? test : test.skip)('replay reproduces an arm C-ARCH-5 counterexample', () => {
    const d = tmpDir('monitor');
    const c = runCli(['check', '--adapter', ARM_FIXTURE, '-p', 'arm', '--runs', '100', '--quiet', '--save', d]);
    expect(c.stdout).toMatch(/C-ARCH-5 FAIL/);
    const file = path.join(d, fs.readdirSync(d).find((f) => f.endsWith('--C-ARCH-5--seed1.json'))!);
    const r = runCli(['replay', file]);
    expect(r.stdout).toMatch(/reproduced C-ARCH-5/);
    expect(r.status).toBe(1);
    expect(runCli(['export', file, '--out', path.join(d, 'arm.test.js')]).status).toBe(0);
    expect(fs.readFileSync(path.join(d, 'arm.test.js'), 'utf8')).toContain('monitors: property && property.monitor ? [property.monitor] : []');
  });
});
