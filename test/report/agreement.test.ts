/**
 * Every output agrees with the exit code of `ptconform check`, on every way a run can end:
 * the text summary line, the JSON summary, the KTAP `# Totals:` line (and the KTAP results
 * themselves), the JUnit counts, the badges and the matrix. Exit 0 iff fail + xpass + error == 0.
 */
import { describe, expect, test } from '@jest/globals';
import { badgeFor, summaryBadge } from '../../src/report/badges';
import { renderJunit } from '../../src/report/junit';
import { renderKtap } from '../../src/report/ktap';
import { buildMatrix } from '../../src/report/matrix';
import { exitCodeOf, totals } from '../../src/report/outcome';
import { renderSummaryLine } from '../../src/report/summary';
import { countKtap, ktapTotals, parseKtap } from './ktap-parser';
import { sampleSets } from './sample-results';
import { parseXml } from './xml-check';

describe.each(sampleSets.map((s) => [s.name, s] as const))('%s', (_name, { results, exitCode }) => {
  const clean = exitCode === 0;

  test(`exits ${exitCode}`, () => {
    expect(exitCodeOf(results)).toBe(exitCode);
    const t = totals(results);
    expect(t.fail + t.xpass + t.error === 0).toBe(clean);
    expect(t.error > 0).toBe(exitCode === 2);
  });

  test('the text summary line agrees', () => {
    const m = /^(\d+) adapter\(s\): (\d+) as expected \((\d+) known-bad failing as documented\), (\d+) unexpected, (\d+) error\(s\); contracts: pass:(\d+) fail:(\d+) xfail:(\d+) xpass:(\d+) skip:(\d+) error:(\d+)$/.exec(
      renderSummaryLine(results),
    );
    expect(m).not.toBeNull();
    const [adapters, asExpected, , unexpected, errors, , fail, , xpass, , error] = (m as RegExpExecArray).slice(1).map(Number) as [number, number, number, number, number, number, number, number, number, number, number];
    expect(asExpected === adapters).toBe(clean);
    expect(unexpected === 0 && errors === 0).toBe(clean);
    expect(fail === 0 && xpass === 0 && error === 0).toBe(clean);
    expect(errors > 0).toBe(exitCode === 2);
  });

  test('the JSON summary agrees', () => {
    expect(results.summary.unexpected === 0).toBe(clean);
    expect(results.summary.errors > 0).toBe(exitCode === 2);
    expect(results.adapters.every((a) => a.asExpected)).toBe(clean);
  });

  test('KTAP is strict KTAP v1 and its Totals agree, with the results and with the exit code', () => {
    const doc = parseKtap(renderKtap(results));
    const t = ktapTotals(doc);
    expect(countKtap(doc)).toEqual(t);
    expect(t).toEqual(totals(results));
    expect(t.fail + t.xpass + t.error === 0).toBe(clean);
    expect(t.error > 0).toBe(exitCode === 2);
    expect(doc.tests.every((a) => a.ok)).toBe(clean);
  });

  test('JUnit counts agree: failures + errors == 0 iff exit 0', () => {
    const root = parseXml(renderJunit(results));
    const failures = Number(root.attrs['failures']);
    const errors = Number(root.attrs['errors']);
    expect(failures + errors === 0).toBe(clean);
    expect(errors > 0).toBe(exitCode === 2);
    const t = totals(results);
    expect({ failures, errors, skipped: Number(root.attrs['skipped']) }).toEqual({ failures: t.fail + t.xpass, errors: t.error, skipped: t.skip + t.xfail });
  });

  test('badges agree: red summary iff exit is not 0, and a red adapter badge iff an adapter counts against the run', () => {
    expect(summaryBadge(results).color === 'red').toBe(!clean);
    const red = results.adapters.filter((a) => badgeFor(a).color === 'red').length;
    expect(red === 0).toBe(clean);
  });

  test('the matrix agrees: no UNEXPECTED row iff exit 0, and no unexpected cell when exit 0', () => {
    const m = buildMatrix(results);
    expect(m.rows.every((r) => r.status.kind !== 'unexpected')).toBe(clean);
    const badCells = m.rows.flatMap((r) => r.cells).filter((c) => c.kind === 'fail' || c.kind === 'pass-unexpected' || c.kind === 'error');
    if (clean) expect(badCells).toEqual([]);
  });
});
