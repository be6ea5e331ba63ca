/**
 * The faulty fixtures of fixtures/faulty through the built CLI: a syntax error and a type error
 * are refused before anything runs (exit 2, one line `file:line:col: error TSnnnn: ...`, no
 * stack trace), whether or not the type-check cache is on; an ES module adapter loads and
 * conforms.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scaffoldAdapter } from '../../src/cli/newArch';
import { ensureBuilt, expectOneLineError, removeTmpDirs, ROOT, runCli, tmpDir } from '../cli/helpers';

afterAll(removeTmpDirs);
beforeAll(ensureBuilt);

describe('faulty adapters', () => {
  test.each([['1'], ['0']])('syntax errors are refused with file:line:col (cache %s)', (cache) => {
    const r = runCli(['check', '--adapter', 'fixtures/faulty/syntax-error.ts', '--runs', '5'], { env: { PTCONFORM_CACHE: cache } });
    expectOneLineError(r, /^ptconform: fixtures\/faulty\/syntax-error\.ts:10:27: error TS1136: Property assignment expected\. \(and 1 more\)$/);
    expect(r.stdout).toBe('');
  });

  test('a type error is refused with file:line:col and its code', () => {
    const r = runCli(['check', '--adapter', 'fixtures/faulty/type-error.ts', '--runs', '5']);
    expectOneLineError(r, /^ptconform: fixtures\/faulty\/type-error\.ts:15:14: error TS2345: Argument of type 'Page' is not assignable to parameter of type 'RcuHead'\./);
    expect(r.stdout).toBe('');
  });

  test('an absolute path outside the current directory is shown absolute', () => {
    const r = runCli(['check', '--adapter', path.join(ROOT, 'fixtures', 'faulty', 'type-error.ts')], { cwd: tmpDir('faulty-cwd') });
    expectOneLineError(r, new RegExp(`^ptconform: ${path.join(ROOT, 'fixtures', 'faulty', 'type-error.ts').replace(/[.]/g, '\\.')}:15:14: error TS2345: `));
  });

  test('an ES module adapter (.mjs) loads with import() and conforms', () => {
    const r = runCli(['check', '--adapter', 'fixtures/faulty/esm-adapter.mjs', '--runs', '20', '--quiet', '-p', 'lifetime', '-p', 'dtor']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^faulty-esm-adapter {2}generic v6\.14 {2}conforms$/m);
    expect(r.status).toBe(0);
  });

  test('CommonJS adapters (.cjs, .js) still load; a JavaScript syntax error is refused with file:line:col', () => {
    const d = tmpDir('faulty-js');
    const cjs = "const { ADAPTERS } = require('ptconform');\nmodule.exports = { ...ADAPTERS.find((a) => a.name === 'generic-v6.14'), name: 'js-NAME' };\n";
    for (const ext of ['cjs', 'js']) {
      fs.writeFileSync(path.join(d, `a.${ext}`), cjs.replace('NAME', ext));
      const r = runCli(['check', '--adapter', path.join(d, `a.${ext}`), '--runs', '5', '-p', 'teardown', '--quiet']);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout).toMatch(new RegExp(`^js-${ext} {2}generic v6\\.14 {2}conforms$`, 'm'));
    }
    fs.writeFileSync(path.join(d, 'bad.js'), 'module.exports = {,\n  name: 1,\n};\n');
    expectOneLineError(runCli(['check', '--adapter', path.join(d, 'bad.js')], { cwd: d }), /^ptconform: bad\.js:1:19: error TS1136: Property assignment expected\.$/);
  });

  test('among several adapters, one that does not compile is its own error and the others are checked', () => {
    const r = runCli(['check', '--adapter', 'fixtures/faulty/esm-adapter.mjs', '--adapter', 'fixtures/faulty/type-error.ts', '--runs', '5', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^  error: not loaded: fixtures\/faulty\/type-error\.ts:15:14: error TS2345: /m);
    expect(r.stdout).toMatch(/^faulty-esm-adapter +generic v6\.14 +conforms$/m);
    expect(r.stdout).toMatch(/^1 passed, 1 failed$/m);
  });

  test('an edited file is checked again: the cache never hides a new error', () => {
    const d = tmpDir('faulty-cache');
    const file = path.join(d, 'a.ts');
    const helper = path.join(d, 'helper.ts');
    const good = scaffoldAdapter('cached-v6.14')
      .replace('call_rcu((pgtable as Page).rcu_head, pte_free_now);', 'call_rcu(rcuHeadOf(pgtable as Page), pte_free_now);')
      .replace("} from 'ptconform/kernel';", "} from 'ptconform/kernel';\nimport { rcuHeadOf } from './helper';");
    expect(good).toContain('rcuHeadOf(pgtable');
    fs.writeFileSync(file, good);
    fs.writeFileSync(helper, "import type { Page, RcuHead } from 'ptconform/kernel';\nexport const rcuHeadOf = (p: Page): RcuHead => p.rcu_head;\n");
    const args = ['check', '--adapter', file, '--runs', '5', '-p', 'teardown', '--quiet'];
    for (let i = 0; i < 2; i++) expect(runCli(args).status).toBe(0);
    // A change in the adapter's own file.
    fs.writeFileSync(file, good.replace("era: 'v6.14'", "era: 'v6.99'"));
    expectOneLineError(runCli(args), /a\.ts:\d+:\d+: error TS2322: Type '"v6\.99"' is not assignable to type 'Era'\.$/);
    // A change in a file it imports.
    fs.writeFileSync(file, good);
    expect(runCli(args).status).toBe(0);
    fs.writeFileSync(helper, "import type { Page } from 'ptconform/kernel';\nexport const rcuHeadOf = (p: Page): Page => p;\n");
    expectOneLineError(runCli(args), /a\.ts:\d+:\d+: error TS2345: /);
  });
});
