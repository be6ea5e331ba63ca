/**
 * Counterexample timelines: one column per actor, one row per step, the violating step marked.
 * Text for terminals, JUnit bodies and KTAP diagnostics; HTML for the report page.
 */
import type { Counterexample, TimelineStep } from '../results/schema';
import { escapeHtml, oneLine } from './escape';

/**
 * The actor columns of `cx`: `cx.actors` in order, then any actor that appears in a step but
 * not in `cx.actors` (so that no step is ever dropped from the timeline).
 */
export function timelineActors(cx: Counterexample): string[] {
  const actors = [...cx.actors];
  for (const step of cx.steps) if (!actors.includes(step.actor)) actors.push(step.actor);
  return actors;
}

/**
 * Whether the step at array position `i` of `cx.steps` is the violating step: it carries
 * `violation: true`, or it is the step `cx.violation.step` points at.
 */
export function isViolatingStep(cx: Counterexample, i: number): boolean {
  return cx.steps[i]?.violation === true || cx.violation.step === i;
}

/**
 * The union of every step's `objects` (tables, pages, locks), in order of first appearance.
 */
export function timelineObjects(cx: Counterexample): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const step of cx.steps) {
    for (const o of step.objects) {
      if (!seen.has(o)) {
        seen.add(o);
        out.push(o);
      }
    }
  }
  return out;
}

/** Cell text per step: the action, prefixed by the operation when it differs from the actor's previous one. */
function cellTexts(steps: TimelineStep[]): { op: string | undefined; action: string }[] {
  const lastOp = new Map<string, string>();
  return steps.map((step) => {
    const changed = lastOp.get(step.actor) !== step.op;
    lastOp.set(step.actor, step.op);
    return { op: changed ? step.op : undefined, action: step.action };
  });
}

/** The violation line printed after the violating step (and used by other renderers). */
export function violationLine(cx: Counterexample): string {
  const at = cx.steps[cx.violation.step]?.index ?? cx.violation.step;
  return `!! ${oneLine(cx.violation.contract)} violated at step ${at}: ${oneLine(cx.violation.message)}`;
}

/**
 * Renders `cx` as a fixed-width text table: a step-number column, then one column per actor
 * (`cx.actors` order). Each row is one step; the cell of the acting actor holds
 * `op: action` when the actor starts a new operation, else just the action. The violating row
 * starts with `>>` and is followed by a `!! <contract> violated at step N: <message>` line.
 * Control characters are shown escaped, so every step is exactly one line. Lines carry no
 * trailing spaces; the result has no trailing newline.
 */
export function renderTimelineText(cx: Counterexample): string {
  const actors = timelineActors(cx);
  const texts = cellTexts(cx.steps);
  const header = ['step', ...actors.map(oneLine)];
  const rows = cx.steps.map((step, i) => {
    const t = texts[i] as { op: string | undefined; action: string };
    const cell = oneLine(t.op === undefined ? t.action : `${t.op}: ${t.action}`);
    return [String(step.index), ...actors.map((a) => (a === step.actor ? cell : ''))];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const fmt = (marker: string, cells: string[]): string =>
    (
      marker.padEnd(3) +
      cells.map((cell, c) => (c === 0 ? cell.padStart(widths[0] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')
    ).trimEnd();
  const lines = [fmt('', header), fmt('', widths.map((w) => '-'.repeat(w)))];
  let printedViolation = false;
  rows.forEach((row, i) => {
    const violating = isViolatingStep(cx, i);
    lines.push(fmt(violating ? '>>' : '', row));
    if (violating && !printedViolation) {
      lines.push(violationLine(cx));
      printedViolation = true;
    }
  });
  if (!printedViolation) lines.push(violationLine(cx));
  return lines.join('\n');
}

/**
 * Renders `cx` as an HTML fragment: a `<table class="timeline">` with a step column and one
 * column per actor, steps in order, the violating row as `<tr class="violation">` (its step
 * cell also marked `>>` for readers without colour), followed by
 * `<p class="objects">` listing the tables, pages and locks involved (the union of every
 * step's `objects`). All text is HTML-escaped; the fragment is well-formed XML.
 */
export function renderTimelineHtml(cx: Counterexample): string {
  const actors = timelineActors(cx);
  const texts = cellTexts(cx.steps);
  const out: string[] = [];
  out.push('<table class="timeline">');
  out.push(
    '<thead><tr><th scope="col">step</th>' +
      actors.map((a) => `<th scope="col">${escapeHtml(a)}</th>`).join('') +
      '</tr></thead>',
  );
  out.push('<tbody>');
  cx.steps.forEach((step, i) => {
    const t = texts[i] as { op: string | undefined; action: string };
    const violating = isViolatingStep(cx, i);
    const stepCell = `<td class="step">${violating ? '&gt;&gt; ' : ''}${step.index}</td>`;
    const cells = actors.map((a) => {
      if (a !== step.actor) return '<td></td>';
      const title = step.objects.length > 0 ? ` title="${escapeHtml(`objects: ${step.objects.join(', ')}`)}"` : '';
      const op = t.op === undefined ? '' : `<span class="op">${escapeHtml(t.op)}</span><br />`;
      return `<td class="act"${title}>${op}<code>${escapeHtml(step.action)}</code></td>`;
    });
    out.push(`<tr${violating ? ' class="violation"' : ''}>${stepCell}${cells.join('')}</tr>`);
  });
  out.push('</tbody>');
  out.push('</table>');
  const objects = timelineObjects(cx);
  out.push(
    '<p class="objects">Tables and locks involved: ' +
      (objects.length > 0 ? objects.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ') : '<em>none recorded</em>') +
      '</p>',
  );
  return out.join('\n');
}
