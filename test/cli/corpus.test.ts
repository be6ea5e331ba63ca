/**
 * The malformed-input corpus (test/corpus, see its README.md): every case is refused with exit 2
 * and exactly one line on stderr, never a stack trace, or it is in the documented list of valid
 * inputs. Cases run in-process through `main(argv)`; a handful run through the built CLI too.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replayMutations, VALID_MUTATIONS } from '../corpus/mutations';
import { CORPUS, expand, setUpCorpusDir } from '../corpus/setup';
import { BIN, cliEnv, ensureBuilt, expectOneLineError, removeTmpDirs, runCli, tmpDir } from './helpers';
import { lines, runMain, type MainResult } from './inProcess';

interface ArgvCase {
  why: string;
  argv: string[];
  match?: string;
}

interface ValidCase {
  why: string;
  argv: string[];
  code: number | number[];
  stderr?: string;
  creates?: string[];
}

const ARGV = JSON.parse(fs.readFileSync(path.join(CORPUS, 'argv.json'), 'utf8')) as ArgvCase[];
const VALID = JSON.parse(fs.readFileSync(path.join(CORPUS, 'valid.json'), 'utf8')) as ValidCase[];
const BASE = JSON.parse(fs.readFileSync(path.join(CORPUS, 'replay', 'base.json'), 'utf8')) as unknown;
const MUTATIONS = replayMutations(BASE);
const REPLAY_FILES = fs.readdirSync(path.join(CORPUS, 'replay')).filter((f) => f.endsWith('.json') && f !== 'base.json').sort();
const ADAPTER_FILES = fs.readdirSync(path.join(CORPUS, 'adapters')).sort();

let tmp: string;
let mutDir: string;

beforeAll(() => {
  tmp = tmpDir('corpus');
  setUpCorpusDir(tmp);
  mutDir = path.join(tmp, 'mutations');
  fs.mkdirSync(mutDir);
  MUTATIONS.forEach((m, i) => fs.writeFileSync(path.join(mutDir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(m.doc, null, 2)));
});
afterAll(removeTmpDirs);

/** Assert a refusal: exit 2, exactly one `ptconform: ` line on stderr, no stack trace; returns the line. */
function refused(r: MainResult, match?: string): string {
  const errLines = lines(r.stderr);
  expect({ code: r.code, lines: errLines.length }).toEqual({ code: 2, lines: 1 });
  const line = errLines[0]!;
  expect(line).toMatch(/^ptconform: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (match !== undefined) expect(line).toContain(match);
  return line;
}

describe(`argv corpus: ${ARGV.length} malformed command lines`, () => {
  test.each(ARGV.map((c) => [c.why, c] as const))('%s', async (_why, c) => {
    refused(await runMain(c.argv.map((a) => expand(a, tmp))), c.match);
  });
});

describe(`replay corpus: ${REPLAY_FILES.length} malformed replay files, refused by replay and export`, () => {
  test.each(REPLAY_FILES)('%s', async (f) => {
    const file = path.join(CORPUS, 'replay', f);
    expect(refused(await runMain(['replay', file]))).toContain(file);
    refused(await runMain(['export', file, '--out', path.join(tmp, 'never', `${f}.test.js`)]));
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  });
});

describe(`replay mutations: ${MUTATIONS.length} generated from replay/base.json`, () => {
  test.each(MUTATIONS.map((m, i) => [m.name, i] as const))('%s', async (name, i) => {
    const m = MUTATIONS[i]!;
    const file = path.join(mutDir, `${String(i).padStart(3, '0')}.json`);
    const r = await runMain(['replay', file]);
    if (VALID_MUTATIONS.includes(name)) {
      expect({ code: [0, 1].includes(r.code), stderr: r.stderr }).toEqual({ code: true, stderr: '' });
      return;
    }
    const line = refused(r);
    // The line names the file, then the mutated field (or a field below it).
    expect(line.startsWith(`ptconform: ${file}: `)).toBe(true);
    const at = line.slice(`ptconform: ${file}: `.length);
    expect(at === m.at || at.startsWith(`${m.at}:`) || at.startsWith(`${m.at}.`) || at.startsWith(`${m.at}[`)).toBe(true);
  });

  test('every documented valid mutation is generated', () => {
    for (const v of VALID_MUTATIONS) expect(MUTATIONS.map((m) => m.name)).toContain(v);
  });
});

describe(`adapter module corpus: ${ADAPTER_FILES.length} modules that export no valid adapter`, () => {
  test.each(ADAPTER_FILES)('%s', async (f) => {
    refused(await runMain(['check', '--adapter', path.join(CORPUS, 'adapters', f), '--runs', '1', '--property', 'dtor']));
  });
});

describe(`valid inputs: ${VALID.length} documented cases are accepted`, () => {
  test.each(VALID.map((c) => [c.why, c] as const))('%s', async (_why, c) => {
    const r = await runMain(c.argv.map((a) => expand(a, tmp)));
    expect([c.code].flat()).toContain(r.code);
    if (c.stderr !== undefined) expect(r.stderr).toContain(c.stderr);
    else expect(r.stderr).toBe('');
    for (const f of c.creates ?? []) expect(fs.existsSync(expand(f, tmp))).toBe(true);
  });
});

describe('through the built CLI: no stack traces', () => {
  beforeAll(ensureBuilt);

  test.each([
    ['a bad --runs', ['check', '--runs', '0']],
    ['no command', []],
    ['a NaN step count', ['replay', path.join(CORPUS, 'replay', 'nan-as-null.json')]],
    ['an unknown op kind', ['export', path.join(CORPUS, 'replay', 'unknown-op-kind.json')]],
    ['--badges under /proc', ['check', '--badges', '/proc/x']],
    ['an adapter that throws', ['check', '--adapter', path.join(CORPUS, 'adapters', 'throws.js')]],
    ['an adapter that throws a string', ['check', '--adapter', path.join(CORPUS, 'adapters', 'throws-string.js')]],
  ])('%s', (_why, argv) => {
    const r = runCli(argv);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
  });

  test('stdout closed early (`| true`): quiet, status 141', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" list | true`], { encoding: 'utf8', env: cliEnv() });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 141, stderr: '' });
  });

  test('stdout on a full disk (> /dev/full): one line, exit 2', () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'list'], { encoding: 'utf8', env: cliEnv(), stdio: ['ignore', fd, 'pipe'] });
      expectOneLineError({ ...r, stdout: '' }, /cannot write to stdout: no space left on device \(ENOSPC\)$/);
    } finally {
      fs.closeSync(fd);
    }
  });

  test('badges are written atomically and next to nothing else', () => {
    const d = path.join(tmp, 'badges');
    const r = runCli(['check', '--adapter', 'generic-v6.14', '--property', 'dtor', '--runs', '1', '--quiet', '--badges', d]);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(d).sort()).toEqual(['generic-v6.14.json', 'generic-v6.14.svg', 'summary.json', 'summary.svg']);
  });
});
