import { describe, expect, test } from '@jest/globals';
import type { Counterexample } from '../../src/results/schema';
import { renderTimelineHtml, renderTimelineText, timelineObjects } from '../../src/report/timeline';
import { sampleCounterexample } from './sample-results';
import { parseXml, findAll, textContent } from './xml-check';

describe('renderTimelineText', () => {
  const text = renderTimelineText(sampleCounterexample);
  const lines = text.split('\n');

  test('has a header with one column per actor, in cx.actors order', () => {
    const header = lines[0] ?? '';
    expect(header).toMatch(/step\s+\|\s+cpu0\s+\|\s+cpu1\s+\|\s+rcu$/);
  });

  test('has one row per step, columns aligned', () => {
    const rows = lines.slice(2, 2 + sampleCounterexample.steps.length);
    expect(rows).toHaveLength(6);
    const bars = (l: string): number[] => [...l].flatMap((c, i) => (c === '|' ? [i] : []));
    // every row puts its column separators where the header does
    const headerBars = bars(lines[0] ?? '');
    for (const row of rows) expect(bars(row).slice(0, headerBars.length)).toEqual(headerBars);
    // each action is in its actor's column
    expect(rows[2]).toMatch(/^\s+2 \|\s+\| retract\(pmd0\): pmd_clear\(pmd0\)/);
    expect(rows[4]).toMatch(/^\s+4 \|\s+\|\s+\| grace_period: pte_free_now/);
  });

  test('marks exactly the violating step with >> and follows it with the violation line', () => {
    const marked = lines.filter((l) => l.startsWith('>>'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/^>>\s+5 \| spin_lock\(ptl#3\) <use-after-free>/);
    const at = lines.indexOf(marked[0] as string);
    expect(lines[at + 1]).toBe(
      '!! C-LT-2 violated at step 5: cpu0 took ptl#3 of pt@0x3000 after its RCU grace period ended & the table was freed',
    );
    expect(lines).toHaveLength(2 + 6 + 1);
  });

  test('shows the operation only when an actor starts a new one', () => {
    expect(lines[2]).toContain('walker(pte_offset_map_lock, pmd0): rcu_read_lock()');
    expect(lines[3]).toContain('| pmd_read(pmd0)');
    expect(lines[3]).not.toContain('walker(');
  });

  test('keeps every step on one line even when text contains control characters', () => {
    const cx: Counterexample = {
      ...sampleCounterexample,
      steps: sampleCounterexample.steps.map((s, i) => (i === 1 ? { ...s, action: 'a\nb\u0007' } : s)),
    };
    const out = renderTimelineText(cx).split('\n');
    expect(out).toHaveLength(9);
    expect(out[3]).toContain('a\\nb\\x07');
  });

  test('marks the step named by violation.step even without the violation flag', () => {
    const cx: Counterexample = {
      ...sampleCounterexample,
      steps: sampleCounterexample.steps.map(({ violation: _v, ...s }) => s),
      violation: { ...sampleCounterexample.violation, step: 3 },
    };
    const out = renderTimelineText(cx).split('\n');
    expect(out.filter((l) => l.startsWith('>>'))).toHaveLength(1);
    expect(out[5]).toMatch(/^>>\s+3 /);
    expect(out[6]).toMatch(/^!! C-LT-2 violated at step 3/);
  });

  test('adds a column for an actor missing from cx.actors instead of dropping its steps', () => {
    const cx: Counterexample = { ...sampleCounterexample, actors: ['cpu0', 'cpu1'] };
    expect(renderTimelineText(cx).split('\n')[0]).toMatch(/cpu0\s+\|\s+cpu1\s+\|\s+rcu$/);
  });
});

describe('renderTimelineHtml', () => {
  const html = renderTimelineHtml(sampleCounterexample);
  const root = parseXml(`<div>${html}</div>`);

  test('is well-formed and has one column per actor plus the step column', () => {
    const ths = findAll(root, (e) => e.name === 'th').map(textContent);
    expect(ths).toEqual(['step', 'cpu0', 'cpu1', 'rcu']);
  });

  test('has one row per step in order, the violating one with class "violation"', () => {
    const rows = findAll(root, (e) => e.name === 'tr').slice(1);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.attrs['class'] ?? '')).toEqual(['', '', '', '', '', 'violation']);
    const last = rows[5];
    expect(last === undefined ? '' : textContent(last)).toContain('spin_lock(ptl#3) <use-after-free>');
  });

  test('escapes text', () => {
    expect(html).toContain('spin_lock(ptl#3) &lt;use-after-free&gt;');
    expect(html).toContain('pte_free_now(pt@0x3000) &amp; pagetable_dtor');
    expect(html).not.toContain('<use-after-free>');
  });

  test('lists the union of the objects involved', () => {
    expect(timelineObjects(sampleCounterexample)).toEqual(['pt@0x3000', 'page#5', 'ptl#3']);
    const p = findAll(root, (e) => e.name === 'p' && e.attrs['class'] === 'objects');
    expect(p).toHaveLength(1);
    expect(textContent(p[0] as NonNullable<(typeof p)[0]>)).toBe('Tables and locks involved: pt@0x3000, page#5, ptl#3');
  });
});
