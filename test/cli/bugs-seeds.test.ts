/**
 * `ptconform bugs --seeds SPEC` (the generator's tails): the seed spec parser, the percentiles,
 * one bug swept over seeds, and the built CLI (its JSON per seed, its usage errors).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { BUGS } from '../../fixtures/bugs';
import { parseSeeds, SeedSpecError } from '../../src/bugs/seeds';
import { percentile, spread, sweepBug } from '../../src/bugs/sweep';
import type { BugsSeedsJson } from '../../src/cli/bugsSeeds';
import { ensureBuilt, expectOneLineError, removeTmpDirs, runCli } from './helpers';

afterAll(removeTmpDirs);

describe('seed specs', () => {
  test('ranges, lists and both, in order, each seed once', () => {
    expect(parseSeeds('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('1,5,9')).toEqual([1, 5, 9]);
    expect(parseSeeds('3..4,1,4')).toEqual([3, 4, 1]);
    expect(parseSeeds('7')).toEqual([7]);
  });
  test.each(['', '1..x', '5..1', '1..2..3', 'a', '1,,2', '1..100000'])('%p is rejected', (spec) => {
    expect(() => parseSeeds(spec)).toThrow(SeedSpecError);
  });
});

describe('percentiles over seeds', () => {
  test('nearest rank; a miss ranks last and reads as null', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(spread(xs)).toEqual({ p50: 10, p95: 19, max: 20 });
    expect(percentile([5, null, 1], 50)).toBe(5);
    expect(spread([5, null, 1]).max).toBeNull();
    expect(spread([])).toEqual({ p50: null, p95: null, max: null });
  });
});

describe('one bug swept over seeds', () => {
  test('every seed is an independent deterministic run', () => {
    const bug = BUGS.find((b) => b.id === 'B3')!;
    const a = sweepBug(bug, [1, 2, 3], 2000);
    const b = sweepBug(bug, [1, 2, 3], 2000);
    expect(a.seeds.map((s) => s.runsToFailure)).toEqual(b.seeds.map((s) => s.runsToFailure));
    expect(a.ok).toBe(true);
    expect(a.caughtExpected).toBe(3);
    expect(a.runsToFailure.max).toBe(Math.max(...a.seeds.map((s) => s.runsToFailure!)));
  });
});

describe('the built CLI', () => {
  beforeAll(ensureBuilt);
  test('--json - carries every seed', () => {
    const r = runCli(['bugs', '--seeds', '1..3', '--only', 'B3', '--json', '-']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as BugsSeedsJson;
    expect(doc.seeds).toEqual([1, 2, 3]);
    expect(doc.bugs).toHaveLength(1);
    expect(doc.bugs[0]!.seeds.map((s) => s.seed)).toEqual([1, 2, 3]);
    expect(doc.bugs[0]!.caught).toBe(3);
    expect(doc.summary).toMatchObject({ inReach: 1, passed: 1, failed: 0, overTarget: [] });
    expect(r.stderr).toBe('');
  });
  test.each([
    [['--seeds', '1..x'], /--seeds.*bad seed 'x'/],
    [['--seeds', '9..1'], /--seeds.*9 > 1/],
    [['--seeds', '1,2', '--seed', '3'], /^ptconform: --seed and --seeds exclude each other$/],
    [['--seeds', '1,2', '--save', 'x'], /^ptconform: --save needs a single seed/],
  ])('bugs %p is one line on stderr and exit 2', (args, pattern) => {
    expectOneLineError(runCli(['bugs', ...args, '--only', 'B3']), pattern);
  });
});
