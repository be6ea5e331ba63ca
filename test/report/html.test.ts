import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { counterexampleSectionId, renderMatrixMarkdown, renderReportHtml, writeReport } from '../../src/report/html';
import { cloneSample, sampleResults } from './sample-results';
import { findAll, parseXml, textContent, type XmlElement } from './xml-check';

function byId(root: XmlElement, id: string): XmlElement {
  const found = findAll(root, (e) => e.attrs['id'] === id);
  expect(found).toHaveLength(1);
  return found[0] as XmlElement;
}

describe('renderReportHtml', () => {
  const html = renderReportHtml(sampleResults);
  const root = parseXml(html, { allowDoctype: true });

  test('is one self-contained, well-formed page: inline CSS, no scripts, no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(root.name).toBe('html');
    expect(findAll(root, (e) => e.name === 'style')).toHaveLength(1);
    expect(findAll(root, (e) => ['script', 'link', 'img', 'iframe'].includes(e.name))).toHaveLength(0);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/url\(/);
  });

  test('has a header with version, seed, runs and summary', () => {
    const header = textContent(byId(root, 'summary'));
    for (const s of ['0.1.0', 'seed424242', 'runs200', 'adapters3', 'cells failed1', 'unexpected1']) {
      expect(header.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    }
  });

  test('has the matrix: rows grouped by arch then era, one column per contract', () => {
    const matrix = byId(root, 'matrix');
    const table = findAll(matrix, (e) => e.name === 'table')[0] as XmlElement;
    const headers = findAll(table, (e) => e.name === 'th' && e.attrs['scope'] === 'col').map(textContent);
    expect(headers).toEqual(['arch', 'era', 'adapter', 'status', 'C-LT-1', 'C-LT-2', 'C-DT-1']);
    const rows = findAll(table, (e) => e.name === 'tr').slice(1);
    const names = rows.map((r) => textContent(findAll(r, (e) => e.attrs['class'] === 'adapter')[0] as XmlElement));
    expect(names).toEqual(['powerpc-frag-v6.5', './adapters/broken <"x"> & y.ts', 'x86-tlb-v6.13']);
    const cells = (r: XmlElement): string[] =>
      findAll(r, (e) => e.name === 'td' && (e.attrs['class'] ?? '').startsWith('cell ')).map((e) => e.attrs['class'] ?? '');
    expect(cells(rows[0] as XmlElement)).toEqual(['cell pass', 'cell fail-expected', 'cell pass']);
    expect(cells(rows[1] as XmlElement)).toEqual(['cell error', 'cell error', 'cell error']);
    expect(cells(rows[2] as XmlElement)).toEqual(['cell pass', 'cell pass', 'cell na']);
  });

  test('marks known-bad adapters as expected, and unexpected outcomes as UNEXPECTED', () => {
    const matrix = textContent(byId(root, 'matrix'));
    expect(matrix).toContain('known-bad (historical), as expected');
    expect(matrix).toContain('UNEXPECTED');
    const bad = cloneSample();
    const kb = bad.adapters[1];
    if (kb === undefined) throw new Error('fixture');
    kb.asExpected = false;
    kb.verdict = 'conforms';
    kb.contracts = kb.contracts.map((c) => ({ ...c, verdict: 'pass' }));
    const page = parseXml(renderReportHtml(bad), { allowDoctype: true });
    expect(textContent(byId(page, 'matrix'))).toContain('UNEXPECTED: known-bad (historical) adapter passes C-LT-2');
    const cells = findAll(byId(page, 'matrix'), (e) => e.name === 'td' && e.attrs['class'] === 'cell pass-unexpected');
    expect(cells.map(textContent)).toEqual(['pass (unexpected)']);
  });

  test('has a section per failing contract with timeline, violation and replay command', () => {
    const id = counterexampleSectionId('powerpc-frag-v6.5', 'C-LT-2');
    expect(id).toBe('cx-powerpc-frag-v6.5-C-LT-2');
    const section = byId(root, id);
    const text = textContent(section);
    expect(text).toContain('cpu0 took ptl#3 of pt@0x3000 after its RCU grace period ended & the table was freed');
    expect(text).toContain('ptconform replay --adapter "powerpc-frag-v6.5" --contract C-LT-2 --seed 424242 --path "17:3:0"');
    const violating = findAll(section, (e) => e.name === 'tr' && e.attrs['class'] === 'violation');
    expect(violating).toHaveLength(1);
    expect(textContent(violating[0] as XmlElement)).toContain('spin_lock(ptl#3)');
    // the matrix cell links to it
    expect(findAll(byId(root, 'matrix'), (e) => e.name === 'a' && e.attrs['href'] === `#${id}`)).toHaveLength(1);
    // no other counterexample sections
    expect(findAll(root, (e) => (e.attrs['id'] ?? '').startsWith('cx-'))).toHaveLength(1);
  });

  test('lists adapter errors, escaped', () => {
    const errors = textContent(byId(root, 'errors'));
    expect(errors).toContain('./adapters/broken <"x"> & y.ts');
    expect(errors).toContain('TypeError: pte_free_defer is not a function');
    expect(html).not.toContain('<"x">');
  });

  test('says so when nothing failed, and has no errors section without errors', () => {
    const r = cloneSample();
    r.adapters = r.adapters.slice(0, 1);
    const page = parseXml(renderReportHtml(r), { allowDoctype: true });
    expect(textContent(byId(page, 'failures'))).toContain('No contract failed.');
    expect(findAll(page, (e) => e.attrs['id'] === 'errors')).toHaveLength(0);
    expect(textContent(byId(page, 'summary'))).toContain('Every adapter behaved as expected.');
  });

  test('is deterministic', () => {
    expect(renderReportHtml(cloneSample())).toBe(html);
  });

  test('gives distinct ids to adapters whose names map to the same id', () => {
    const r = cloneSample();
    const kb = r.adapters[1];
    if (kb === undefined) throw new Error('fixture');
    r.adapters.push({ ...kb, name: 'powerpc/frag-v6.5' }, { ...kb, name: 'powerpc_frag-v6.5' });
    r.adapters[1] = { ...kb, name: 'powerpc:frag-v6.5' };
    const page = parseXml(renderReportHtml(r), { allowDoctype: true });
    const ids = findAll(page, (e) => (e.attrs['id'] ?? '').startsWith('cx-')).map((e) => e.attrs['id']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});

/** Splits a Markdown table row into cells, honouring `\|` escapes. */
function mdCells(row: string): string[] {
  expect(row.startsWith('| ') && row.endsWith(' |')).toBe(true);
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderMatrixMarkdown', () => {
  const md = renderMatrixMarkdown(sampleResults);
  const lines = md.trimEnd().split('\n');

  test('is a GFM table: header, delimiter row, one row per adapter, same cell count everywhere', () => {
    expect(md.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(2 + sampleResults.adapters.length);
    const header = mdCells(lines[0] as string);
    expect(header).toEqual(['arch', 'era', 'adapter', 'status', 'C-LT-1', 'C-LT-2', 'C-DT-1']);
    expect(mdCells(lines[1] as string).every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    for (const l of lines) expect(mdCells(l)).toHaveLength(header.length);
  });

  test('has the same rows and cells as the HTML matrix', () => {
    const rows = lines.slice(2).map(mdCells);
    expect(rows.map((r) => r[0])).toEqual(['powerpc', 'riscv', 'x86']);
    expect(rows[0]).toEqual(['powerpc', 'v6.5', 'powerpc-frag-v6.5', 'known-bad (historical), as expected', 'pass', 'fail (expected)', 'pass']);
    expect(rows[1]?.[3]).toBe('**UNEXPECTED: adapter error**');
    expect(rows[2]?.slice(4)).toEqual(['pass', 'pass', 'n/a']);
  });

  test('escapes names so they cannot break the table or inject HTML', () => {
    const r = cloneSample();
    const a = r.adapters[0];
    if (a === undefined) throw new Error('fixture');
    a.name = 'a|b<script>\nc';
    const out = renderMatrixMarkdown(r).trimEnd().split('\n');
    expect(out).toHaveLength(5);
    for (const l of out) expect(mdCells(l)).toHaveLength(7);
    expect(out.join('\n')).not.toContain('<script>');
  });
});

describe('writeReport', () => {
  test('writes index.html and matrix.md, creating the directory', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'ptconform-report-'));
    try {
      const out = path.join(tmp, 'nested', 'report');
      const paths = await writeReport(sampleResults, out);
      expect(paths).toEqual([path.join(out, 'index.html'), path.join(out, 'matrix.md')]);
      expect(await readFile(paths[0] as string, 'utf8')).toBe(renderReportHtml(sampleResults));
      expect(await readFile(paths[1] as string, 'utf8')).toBe(renderMatrixMarkdown(sampleResults));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
