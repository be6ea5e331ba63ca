/**
 * The pieces behind strict inputs and lossless outputs, tested directly: the replay-file schema's
 * messages, atomic writes under a failing disk, adapter paths relative to the replay file, the
 * --save file names, the flag parsers and what a failing stdout says.
 */
import { afterAll, afterEach, describe, expect, jest, test } from '@jest/globals';
import fs from 'fs';
import * as path from 'node:path';
import { intFlag, seedFlag } from '../../src/cli/flags';
import { checkOutputTargets } from '../../src/cli/outputPaths';
import { replayFileName } from '../../src/cli/saveFailures';
import { EPIPE_EXIT, stdoutFailure } from '../../src/cli/stdio';
import { adapterFieldsForSave, locateAdapterFile } from '../../src/results/adapterRef';
import { writeFileAtomic } from '../../src/results/atomicWrite';
import { asReplayFile, readReplayFile, type ReplayFile } from '../../src/results/replayFile';
import { removeTmpDirs, tmpDir } from './helpers';

const BASE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'corpus', 'replay', 'base.json'), 'utf8')) as ReplayFile;

function problem(edit: (r: ReplayFile) => void): string {
  const r = JSON.parse(JSON.stringify(BASE)) as ReplayFile;
  edit(r);
  try {
    asReplayFile(r);
  } catch (e) {
    return (e as Error).message;
  }
  return 'valid';
}

afterAll(removeTmpDirs);
afterEach(() => {
  jest.restoreAllMocks();
});

describe('replay file schema: one message naming the field path', () => {
  test.each([
    ['a negative step count', (r: ReplayFile) => { r.scenario.schedule[2]!.n = -1; }, 'scenario.schedule[2].n: expected a positive integer, got -1'],
    ['NaN, saved by JSON as null', (r: ReplayFile) => { (r.scenario.schedule[0] as { n: unknown }).n = null; }, 'scenario.schedule[0].n: expected a positive integer, got null'],
    ['an unknown op kind', (r: ReplayFile) => { (r.scenario.programs[0]![0] as { k: string }).k = 'mprotect'; }, 'scenario.programs[0][0].k: expected one of "fault", "walk", "gup_fast", "access", "dontneed", "munmap", "khugepaged", "collapse", "uffd_copy", "uffd_poison", "writeback", "hugetlb_unshare", "hugetlb_gup_fast", "collapse_anon", "split", "dma", "fork", "mmap", "mremap", got "mprotect"'],
    ['a slot out of range', (r: ReplayFile) => { (r.scenario.programs[1]![0] as { slot: number }).slot = 2; }, 'scenario.programs[1][0].slot: expected a pmd slot 0..1, got 2'],
    ['a missing field', (r: ReplayFile) => { delete (r as Partial<ReplayFile>).seed; }, 'seed: expected a 32-bit integer seed, got nothing (the field is missing)'],
    ['an unknown field', (r: ReplayFile) => { (r.scenario as unknown as Record<string, unknown>)['wram'] = true; }, 'scenario.wram: unknown field (known: fileKind, slots, warm, splitPtl, allocSplitPtl, batchAllocFail, ptlockAllocFail, reclaim, programs, schedule, batch, frags)'],
    ['one program (fewer than 2 CPUs)', (r: ReplayFile) => { r.scenario.programs.splice(1); }, 'scenario.programs: expected an array of per-CPU programs of 2..4, got an array of 1'],
    ['a violation not judged', (r: ReplayFile) => { r.violation.contract = 'C-LT-1'; }, 'violation.contract: expected one of the judged contracts (the "contracts" field) or "error", got "C-LT-1"'],
  ])('%s', (_what, edit, message) => {
    expect(problem(edit)).toBe(message);
  });

  test('the base file, an empty schedule and an adapter-error file are valid', () => {
    expect(problem(() => undefined)).toBe('valid');
    expect(problem((r) => { r.scenario.schedule = []; })).toBe('valid');
    expect(problem((r) => { r.contracts = []; r.violation = { contract: 'error', message: 'pte_free() threw Error: boom' }; })).toBe('valid');
    expect(problem((r) => { r.contracts = []; })).toBe('contracts: expected at least one judged contract, got an array of 0');
  });

  test('readReplayFile names the file first', () => {
    const d = tmpDir('strict');
    const f = path.join(d, 'x.json');
    fs.writeFileSync(f, JSON.stringify({ ...BASE, seed: 1.5 }));
    expect(() => readReplayFile(f)).toThrow(`${f}: seed: expected a 32-bit integer seed, got 1.5`);
  });
});

describe('atomic writes', () => {
  test('a full disk mid-write leaves the old file whole and no temporary file', () => {
    const d = tmpDir('atomic');
    const f = path.join(d, 'results.json');
    fs.writeFileSync(f, 'old contents\n');
    jest.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => writeFileAtomic(f, 'new contents\n')).toThrow(`cannot write ${f}: no space left on device (ENOSPC)`);
    jest.restoreAllMocks();
    expect(fs.readFileSync(f, 'utf8')).toBe('old contents\n');
    expect(fs.readdirSync(d)).toEqual(['results.json']);
  });

  test('replaces a file, creates parents, and refuses to clobber when asked not to', () => {
    const d = tmpDir('atomic');
    const f = path.join(d, 'a', 'b', 'out.txt');
    writeFileAtomic(f, 'one\n');
    writeFileAtomic(f, 'two\n');
    expect(fs.readFileSync(f, 'utf8')).toBe('two\n');
    expect(() => writeFileAtomic(f, 'three\n', { overwrite: false })).toThrow(/already exists; not overwriting it \(EEXIST\)$/);
    expect(fs.readFileSync(f, 'utf8')).toBe('two\n');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['out.txt']);
  });
});

describe('adapter paths in replay files', () => {
  test('saved relative to the replay file, with the source hash; found again after the pair moves', () => {
    const d = tmpDir('ref');
    fs.mkdirSync(path.join(d, 'proj', 'out'), { recursive: true });
    const adapter = path.join(d, 'proj', 'my.ts');
    fs.writeFileSync(adapter, 'export default {};\n');
    const fields = adapterFieldsForSave(adapter, path.join(d, 'proj', 'out', 'x.json'));
    expect(fields.adapter).toBe('../my.ts');
    expect(fields.adapterSha256).toMatch(/^[0-9a-f]{64}$/);
    fs.renameSync(path.join(d, 'proj'), path.join(d, 'moved'));
    const r = { ...BASE, ...fields, version: '0.1.0' };
    expect(locateAdapterFile(r, path.join(d, 'moved', 'out', 'x.json'))).toBe(path.join(d, 'moved', 'my.ts'));
  });

  test('registry adapters are saved by name', () => {
    expect(adapterFieldsForSave('generic-v6.14', '/x/y.json')).toEqual({ adapter: 'generic-v6.14' });
  });

  test('a missing adapter file is one line naming the replay file', () => {
    const r = { ...BASE, adapter: './nope.ts', version: '0.1.0' };
    expect(() => locateAdapterFile(r, '/tmp/x/y.json')).toThrow('/tmp/x/y.json: adapter: file ./nope.ts not found (looked relative to the replay file)');
  });
});

describe('names, flags and stdout', () => {
  test('--save names hold the seed', () => {
    expect(replayFileName('my adapter', 'C-DT-1', 7)).toBe('my_adapter--C-DT-1--seed7.json');
    expect(replayFileName('a', 'C-DT-1', -3)).not.toBe(replayFileName('a', 'C-DT-1', 3));
  });

  test('integer flags are decimal and bounded', () => {
    const f = intFlag(1, 10);
    expect(f('1')).toBe(1);
    expect(f('10')).toBe(10);
    for (const bad of ['0', '11', '1.0', '1e1', '0x1', '', ' 1', '+1']) expect(() => f(bad)).toThrow('expected an integer 1..10');
  });

  test("--seed 'random' reports the seed it drew", () => {
    const seen: number[] = [];
    const seed = seedFlag((s) => seen.push(s))('random');
    expect(seen).toEqual([seed]);
    expect(seedFlag(() => undefined)('-2147483648')).toBe(-2147483648);
  });

  test('a closed pipe says nothing (status 141); a full disk says one line', () => {
    expect(EPIPE_EXIT).toBe(141);
    expect(stdoutFailure(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeNull();
    expect(stdoutFailure(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('ptconform: cannot write to stdout: no space left on device (ENOSPC)\n');
  });

  test('two directory outputs may share a path; a file output may not take a directory output', () => {
    const d = tmpDir('paths');
    expect(() => checkOutputTargets([{ flag: '--badges', path: d, kind: 'dir' }, { flag: '--save', path: d, kind: 'dir' }])).not.toThrow();
    expect(() => checkOutputTargets([{ flag: '--json', path: d, kind: 'file' }])).toThrow(`--json ${d}: is a directory: give a file name`);
  });
});
