/**
 * The static HTML report (one self-contained page) and the Markdown matrix for a README.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../results/atomicWrite';
import type { AdapterResult, ContractResult, ResultsJson } from '../results/schema';
import { knownBadLabel } from '../adapter/types';
import { escapeHtml, escapeMarkdownCell } from './escape';
import { buildMatrix, isExpectedFailure, type Matrix, type MatrixCell, type MatrixRow } from './matrix';
import { exitCodeOf, formatTotals, totals } from './outcome';
import { adapterCounts } from './summary';
import { renderTimelineHtml } from './timeline';

/** Characters kept as-is in element ids; everything else becomes `-`. */
function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '-');
}

/**
 * The element id of the counterexample section of `contract` for `adapter`:
 * `cx-<adapter>-<contract>`, with every character outside `[A-Za-z0-9._-]` replaced by `-`.
 * (When two adapter names map to the same id, the report suffixes the later one with `-2`, `-3`, ...)
 */
export function counterexampleSectionId(adapter: string, contract: string): string {
  return `cx-${slug(adapter)}-${slug(contract)}`;
}

/** Assigns unique ids, in report order, to every failing cell (cells are distinct objects per row). */
function sectionIds(matrix: Matrix): Map<MatrixCell, string> {
  const ids = new Map<MatrixCell, string>();
  const used = new Set<string>(['matrix', 'summary', 'failures', 'errors']);
  for (const row of matrix.rows) {
    for (const cell of row.cells) {
      if (cell.result?.verdict !== 'fail') continue;
      const base = counterexampleSectionId(row.adapter.name, cell.contract);
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      ids.set(cell, id);
    }
  }
  return ids;
}

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem; color: #1b1f24; background: #fff; }
h1 { margin-bottom: 0.2rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
pre { background: #f4f5f7; padding: 0.6rem; overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #c8ccd1; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef0f3; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.verdict-ok { color: #1a7f37; font-weight: bold; }
.verdict-bad { color: #cf222e; font-weight: bold; }
table.matrix td.cell { text-align: center; white-space: nowrap; padding: 0.2rem 0.3rem; font-size: 0.85em; }
table.matrix td.adapter code { white-space: nowrap; }
table.matrix thead th { white-space: nowrap; vertical-align: bottom; }
/* Contract columns (after arch, era, adapter, status): vertical ids keep 30+ columns narrow. */
table.matrix thead th:nth-child(n+5) { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; padding: 0.4rem 0.2rem; }
/* A matrix wider than the window scrolls inside its section instead of widening the page. */
section#matrix { overflow-x: auto; }
td.pass { background: #d3f5dc; color: #0f5323; }
td.fail { background: #ffd7d5; color: #82071e; font-weight: bold; }
td.fail-expected { background: #ffe6c2; color: #7a4100; }
td.pass-unexpected { background: #ffd7d5; color: #82071e; font-weight: bold; outline: 2px dashed #cf222e; outline-offset: -3px; }
td.na { background: #eceef1; color: #57606a; }
td.error { background: #d8dade; color: #24292f; font-style: italic; }
td.missing { color: #8c959f; }
td.status-conforms { color: #1a7f37; }
td.status-known-bad { color: #9a5b00; }
td.status-unexpected { color: #cf222e; font-weight: bold; }
table.matrix a { color: inherit; }
table.timeline td.act code { white-space: pre-wrap; }
table.timeline td.step { text-align: right; color: #57606a; white-space: nowrap; }
table.timeline tr.violation td { background: #ffd7d5; }
table.timeline tr.violation td.step { color: #82071e; font-weight: bold; }
span.op { color: #57606a; font-size: 0.85em; }
p.violation-message { border-left: 4px solid #cf222e; padding-left: 0.6rem; }
p.objects { color: #57606a; }
.legend span { display: inline-block; padding: 0 0.4rem; margin-right: 0.4rem; border: 1px solid #c8ccd1; }
.legend-pass { background: #d3f5dc; }
.legend-fail { background: #ffd7d5; }
.legend-fail-expected { background: #ffe6c2; }
.legend-pass-unexpected { background: #ffd7d5; outline: 2px dashed #cf222e; outline-offset: -3px; }
.legend-na { background: #eceef1; }
.legend-error { background: #d8dade; }
`;

function cellClass(kind: string): string {
  return kind === 'n/a' ? 'na' : kind;
}

function renderHeader(results: ResultsJson): string {
  const s = results.summary;
  const counts = adapterCounts(results);
  const unexpected = counts.unexpected + counts.errors;
  const verdict =
    unexpected === 0
      ? '<p class="verdict-ok">Every adapter behaved as expected.</p>'
      : `<p class="verdict-bad">${unexpected} adapter${unexpected === 1 ? '' : 's'} did not behave as expected.</p>`;
  const meta: [string, string][] = [
    ['version', results.version],
    ['seed', String(results.seed)],
    ['runs', String(results.runs)],
    ['adapters', String(s.adapters)],
    ['cells passed', String(s.passed)],
    ['cells failed', String(s.failed)],
    ['cells n/a', String(s.notApplicable)],
    ['errors', String(s.errors)],
    ['unexpected', String(s.unexpected)],
    ['totals', formatTotals(totals(results))],
    ['exit code', String(exitCodeOf(results))],
  ];
  return [
    '<header id="summary">',
    `<h1>ptconform ${escapeHtml(results.version)} conformance report</h1>`,
    verdict,
    '<dl class="meta">',
    ...meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`),
    '</dl>',
    '</header>',
  ].join('\n');
}

function renderMatrixHtml(matrix: Matrix, ids: Map<MatrixCell, string>): string {
  const out: string[] = [];
  out.push('<section id="matrix">');
  out.push('<h2>Conformance matrix</h2>');
  out.push('<table class="matrix">');
  out.push(
    '<thead><tr><th scope="col">arch</th><th scope="col">era</th><th scope="col">adapter</th><th scope="col">status</th>' +
      matrix.columns.map((c) => `<th scope="col" title="${escapeHtml(c.summary)}">${escapeHtml(c.id)}</th>`).join('') +
      '</tr></thead>',
  );
  out.push('<tbody>');
  const rows = matrix.rows;
  rows.forEach((row, i) => {
    const a = row.adapter;
    const prev = rows[i - 1]?.adapter;
    const parts: string[] = [];
    if (prev === undefined || prev.arch !== a.arch) {
      const span = countWhile(rows, i, (r) => r.adapter.arch === a.arch);
      parts.push(`<th scope="rowgroup" rowspan="${span}">${escapeHtml(a.arch)}</th>`);
    }
    if (prev === undefined || prev.arch !== a.arch || prev.era !== a.era) {
      const span = countWhile(rows, i, (r) => r.adapter.arch === a.arch && r.adapter.era === a.era);
      parts.push(`<td rowspan="${span}">${escapeHtml(a.era)}</td>`);
    }
    const nameTitle = a.source !== undefined ? ` title="${escapeHtml(a.source)}"` : '';
    parts.push(`<td class="adapter"${nameTitle}><code>${escapeHtml(a.name)}</code></td>`);
    const statusTitle =
      a.knownBad !== undefined
        ? ` title="${escapeHtml(`${knownBadLabel(a.knownBad.kind)}, documented: ${a.knownBad.contracts.join(', ')}; fix: ${a.knownBad.fix}`)}"`
        : '';
    parts.push(`<td class="status-${row.status.kind}"${statusTitle}>${escapeHtml(row.status.text)}</td>`);
    for (const cell of row.cells) {
      const id = ids.get(cell);
      const text = escapeHtml(cell.text);
      const body = id !== undefined ? `<a href="#${escapeHtml(id)}">${text}</a>` : text;
      parts.push(`<td class="cell ${cellClass(cell.kind)}">${body}</td>`);
    }
    out.push(`<tr>${parts.join('')}</tr>`);
  });
  out.push('</tbody>');
  out.push('</table>');
  out.push(
    '<p class="legend">' +
      '<span class="legend-pass">pass</span><span class="legend-fail">fail (unexpected)</span>' +
      '<span class="legend-fail-expected">fail (expected: documented known-bad)</span>' +
      '<span class="legend-pass-unexpected">pass (unexpected: documented known-bad passed)</span>' +
      '<span class="legend-na">n/a: contract does not apply</span>' +
      '<span class="legend-error">error: adapter did not run</span>' +
      '</p>',
  );
  out.push('</section>');
  return out.join('\n');
}

function countWhile(rows: MatrixRow[], from: number, pred: (r: MatrixRow) => boolean): number {
  let n = 0;
  for (let i = from; i < rows.length && pred(rows[i] as MatrixRow); i++) n++;
  return n;
}

function renderFailure(adapter: AdapterResult, result: ContractResult, id: string): string {
  const out: string[] = [];
  out.push(`<section class="counterexample" id="${escapeHtml(id)}">`);
  out.push(`<h3><code>${escapeHtml(adapter.name)}</code>: ${escapeHtml(result.id)} ${escapeHtml(result.summary)}</h3>`);
  const expected = isExpectedFailure(adapter, result.id);
  const fix = adapter.knownBad !== undefined ? `; kernel fix: ${adapter.knownBad.fix}` : '';
  out.push(
    expected
      ? `<p class="status-known-bad">${escapeHtml(knownBadLabel(adapter.knownBad?.kind))}, as expected${escapeHtml(fix)}</p>`
      : '<p class="status-unexpected">UNEXPECTED failure</p>',
  );
  const cx = result.counterexample;
  if (cx === undefined) {
    out.push('<p>No counterexample was recorded for this failure.</p>');
  } else {
    out.push(
      `<p class="violation-message"><strong>${escapeHtml(cx.violation.contract)}</strong>: ${escapeHtml(cx.violation.message)}</p>`,
    );
    out.push(renderTimelineHtml(cx));
    const facts: string[] = [`${cx.steps.length} steps`, `${cx.length} segments`, `seed ${cx.seed}`];
    if (result.runsToFailure !== undefined) facts.push(`found after ${result.runsToFailure} runs`);
    if (cx.file !== undefined) facts.push(`saved to ${cx.file}`);
    out.push(`<p class="facts">${escapeHtml(facts.join(', '))}</p>`);
    out.push('<p>Replay:</p>');
    out.push(`<pre class="replay"><code>${escapeHtml(cx.replay)}</code></pre>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function renderErrors(matrix: Matrix): string {
  const errored = matrix.rows.filter((r) => r.adapter.verdict === 'error');
  if (errored.length === 0) return '';
  return [
    '<section id="errors">',
    '<h2>Adapter errors</h2>',
    '<ul>',
    ...errored.map(
      (r) =>
        `<li><code>${escapeHtml(r.adapter.name)}</code>: <pre>${escapeHtml(r.adapter.error ?? 'unknown error')}</pre></li>`,
    ),
    '</ul>',
    '</section>',
  ].join('\n');
}

/**
 * Renders `results` as one self-contained static HTML page (inline CSS, no scripts, no external
 * resources): a header (`id="summary"`) with version, seed, runs and the summary counts; the
 * arch × era × contract matrix (`id="matrix"`), rows grouped by arch then era, cells linking to
 * their counterexample; one section per failing contract (`id="cx-<adapter>-<contract>"`, see
 * {@link counterexampleSectionId}) with the violation message, the timeline and the replay
 * command; and the adapter errors (`id="errors"`). The output is well-formed XML (XHTML syntax).
 */
export function renderReportHtml(results: ResultsJson): string {
  const matrix = buildMatrix(results);
  const ids = sectionIds(matrix);
  const failures: string[] = [];
  for (const row of matrix.rows) {
    for (const cell of row.cells) {
      const id = ids.get(cell);
      if (cell.result !== undefined && id !== undefined) failures.push(renderFailure(row.adapter, cell.result, id));
    }
  }
  const body = [
    renderHeader(results),
    '<main>',
    renderMatrixHtml(matrix, ids),
    failures.length > 0
      ? ['<section id="failures">', '<h2>Counterexamples</h2>', ...failures, '</section>'].join('\n')
      : '<section id="failures"><h2>Counterexamples</h2><p>No contract failed.</p></section>',
    renderErrors(matrix),
    '</main>',
  ]
    .filter((s) => s !== '')
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>ptconform ${escapeHtml(results.version)} report (seed ${results.seed})</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Renders the matrix of `results` as a GitHub-flavoured Markdown table for a README:
 * columns `arch | era | adapter | status | <contract IDs...>`, one row per adapter in the same
 * order as the HTML matrix; cells `pass`, `**fail**` (unexpected), `fail (expected)` (a documented
 * known-bad contract), `**pass (unexpected)**` (a documented known-bad contract that passed),
 * `n/a`, `error`, `-`.
 * Names are escaped so they cannot break the table or inject Markdown/HTML. Ends with a newline.
 */
export function renderMatrixMarkdown(results: ResultsJson): string {
  const matrix = buildMatrix(results);
  const header = ['arch', 'era', 'adapter', 'status', ...matrix.columns.map((c) => escapeMarkdownCell(c.id))];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const row of matrix.rows) {
    const a = row.adapter;
    const status = row.status.kind === 'unexpected' ? `**${escapeMarkdownCell(row.status.text)}**` : escapeMarkdownCell(row.status.text);
    const cells = row.cells.map((c) => (c.kind === 'fail' || c.kind === 'pass-unexpected' ? `**${escapeMarkdownCell(c.text)}**` : escapeMarkdownCell(c.text)));
    const name = escapeMarkdownCell(a.name);
    lines.push(`| ${[escapeMarkdownCell(a.arch), escapeMarkdownCell(a.era), name, status, ...cells].join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `index.html` ({@link renderReportHtml}) and `matrix.md` ({@link renderMatrixMarkdown})
 * into `outDir`, creating it (and its parents) if needed. Resolves to the two paths written.
 */
export async function writeReport(results: ResultsJson, outDir: string): Promise<string[]> {
  const html = path.join(outDir, 'index.html');
  const md = path.join(outDir, 'matrix.md');
  // Each file is written atomically (temp file + rename): a failure never leaves half a page.
  writeFileAtomic(html, renderReportHtml(results));
  writeFileAtomic(md, renderMatrixMarkdown(results));
  return [html, md];
}
