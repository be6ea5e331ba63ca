/**
 * Sharding: `check --shard 1/2` and `--shard 2/2`, joined by `ptconform merge`, give the results
 * of one unsharded run (timings aside), and inconsistent shard sets are one-line usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'fs';
import path from 'path';
import type { ResultsJson } from '../../src/results/schema';
import { ensureBuilt, expectOneLineError, removeTmpDirs, runCli, tmpDir } from '../cli/helpers';

const ADAPTERS = ['--adapter', 'generic-v6.14', '--adapter', 'fixtures/broken/b1-dtor-before-rcu.ts', '--adapter', 'powerpc-book3s64-v6.6'];
let dir: string;

/** The document with every timing zeroed. */
function withoutTimings(file: string): string {
  return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')), (k, v: unknown) => (k === 'ms' ? 0 : v), 1);
}

beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('shard');
  const run = (extra: string[], out: string): void => {
    const r = runCli(['check', ...ADAPTERS, '--runs', '1000', '--quiet', '--json', path.join(dir, out), ...extra], { timeout: 170_000 });
    expect(r.status).toBe(0);
  };
  run(['--jobs', '1'], 'full.json');
  run(['--shard', '1/2'], 's1.json');
  run(['--shard', '2/2'], 's2.json');
}, 180_000);
afterAll(removeTmpDirs);

describe('shards', () => {
  it('each shard runs its part of every budget', () => {
    const s1 = JSON.parse(fs.readFileSync(path.join(dir, 's1.json'), 'utf8')) as ResultsJson;
    expect(s1.shard).toEqual({ index: 1, count: 2 });
    expect(s1.adapters.map((a) => a.scenarios)).toEqual([500, 500, 500]);
  });
  it('merged, they equal the unsharded run (timings aside), in any order', () => {
    const r = runCli(['merge', path.join(dir, 's2.json'), path.join(dir, 's1.json'), '--json', path.join(dir, 'merged.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^3 passed, 0 failed$/m);
    expect(withoutTimings(path.join(dir, 'merged.json'))).toBe(withoutTimings(path.join(dir, 'full.json')));
  });
  it('the known-bad adapters fail in the merge as in the full run', () => {
    const full = JSON.parse(fs.readFileSync(path.join(dir, 'full.json'), 'utf8')) as ResultsJson;
    expect(full.adapters.filter((a) => a.verdict === 'violates').map((a) => a.name)).toEqual(['broken-b1-dtor-before-rcu', 'powerpc-book3s64-v6.6']);
  });
  it('a missing shard, a shard given twice or an unsharded file is a one-line error', () => {
    expectOneLineError(runCli(['merge', path.join(dir, 's1.json')]), /1 of 2 shards given: shard 2\/2 is missing/);
    expectOneLineError(runCli(['merge', path.join(dir, 's1.json'), path.join(dir, 's1.json')]), /shard 2\/2 is missing or given twice/);
    expectOneLineError(runCli(['merge', path.join(dir, 'full.json'), path.join(dir, 's1.json')]), /not a shard's results/);
  });
  it('a bad --shard is a one-line error', () => {
    for (const s of ['0/2', '3/2', '1/0', 'a/b', '1-2']) expectOneLineError(runCli(['check', '--shard', s, '--runs', '10']), /--shard takes i\/n/);
  });
});
