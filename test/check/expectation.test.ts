import { describe, expect, test } from '@jest/globals';
import { contractOutcome, isDocumented, judgeExpectation } from '../../src/check/expectation';
import type { ContractResult, ContractVerdict } from '../../src/results/schema';

function results(spec: Record<string, ContractVerdict>): ContractResult[] {
  return Object.entries(spec).map(([id, verdict]) => ({ id, property: 'p', summary: id, verdict, runs: verdict === 'n/a' ? 0 : 10, ms: 1 }));
}

const correct = {};
const knownBad = { knownBad: { contracts: ['C-DT-1', 'C-LT-4'] } };

describe('contractOutcome', () => {
  test.each([
    [correct, 'pass', 'pass'],
    [correct, 'fail', 'fail'],
    [correct, 'n/a', 'skip'],
    [knownBad, 'pass', 'xpass'],
    [knownBad, 'fail', 'xfail'],
    [knownBad, 'n/a', 'skip'],
  ] as const)('%j, C-DT-1 %s: %s', (adapter, verdict, outcome) => {
    expect(contractOutcome(adapter, results({ 'C-DT-1': verdict })[0] as ContractResult)).toBe(outcome);
  });

  test('an undocumented contract of a known-bad adapter is judged like a correct adapter\'s', () => {
    expect(isDocumented(knownBad, 'C-LT-1')).toBe(false);
    expect(contractOutcome(knownBad, results({ 'C-LT-1': 'fail' })[0] as ContractResult)).toBe('fail');
    expect(contractOutcome(knownBad, results({ 'C-LT-1': 'pass' })[0] as ContractResult)).toBe('pass');
  });
});

describe('judgeExpectation', () => {
  test('a correct adapter is as expected iff nothing failed', () => {
    expect(judgeExpectation(correct, results({ 'C-LT-1': 'pass', 'C-DT-1': 'n/a' }))).toEqual({
      asExpected: true, expected: [], missing: [], unexpected: [], notRun: [],
    });
    expect(judgeExpectation(correct, results({ 'C-LT-1': 'fail', 'C-DT-1': 'fail' }))).toMatchObject({ asExpected: false, unexpected: ['C-LT-1', 'C-DT-1'] });
  });

  test('a known-bad adapter failing every documented contract, and nothing else, is as expected', () => {
    expect(judgeExpectation(knownBad, results({ 'C-LT-1': 'pass', 'C-LT-4': 'fail', 'C-DT-1': 'fail' }))).toEqual({
      asExpected: true, expected: ['C-LT-4', 'C-DT-1'], missing: [], unexpected: [], notRun: [],
    });
  });

  test('only documented contracts that were run count: filtered out (absent) or n/a ones say nothing', () => {
    // --property dtor: C-LT-4 was not run at all
    expect(judgeExpectation(knownBad, results({ 'C-DT-1': 'fail', 'C-DT-3': 'pass' }))).toEqual({
      asExpected: true, expected: ['C-DT-1'], missing: [], unexpected: [], notRun: ['C-LT-4'],
    });
    expect(judgeExpectation(knownBad, results({ 'C-DT-1': 'fail', 'C-LT-4': 'n/a' }))).toMatchObject({ asExpected: true, notRun: ['C-LT-4'] });
  });

  test('none of the documented contracts run: as expected iff nothing failed', () => {
    expect(judgeExpectation(knownBad, results({ 'C-LT-1': 'pass', 'C-LT-2': 'pass' }))).toEqual({
      asExpected: true, expected: [], missing: [], unexpected: [], notRun: ['C-DT-1', 'C-LT-4'],
    });
    expect(judgeExpectation(knownBad, results({ 'C-LT-1': 'fail' }))).toMatchObject({ asExpected: false, unexpected: ['C-LT-1'] });
    expect(judgeExpectation(knownBad, [])).toMatchObject({ asExpected: true, notRun: ['C-DT-1', 'C-LT-4'] });
  });

  test('a documented contract that was run and passed is missing (XPASS): not as expected', () => {
    expect(judgeExpectation(knownBad, results({ 'C-DT-1': 'fail', 'C-LT-4': 'pass' }))).toEqual({
      asExpected: false, expected: ['C-DT-1'], missing: ['C-LT-4'], unexpected: [], notRun: [],
    });
  });

  test('an undocumented failure of a known-bad adapter is unexpected, even with every documented one failing', () => {
    expect(judgeExpectation(knownBad, results({ 'C-DT-1': 'fail', 'C-LT-4': 'fail', 'C-LT-1': 'fail' }))).toMatchObject({
      asExpected: false, expected: ['C-DT-1', 'C-LT-4'], unexpected: ['C-LT-1'],
    });
  });
});
