/**
 * How every output names the known generic-mm findings an adapter's check ran into
 * (src/findings/registry.ts): apart from the adapter's verdict, never counted for or against it,
 * and never left out. The text output, KTAP, JUnit, the matrix and the badges all word them with
 * these functions.
 */
import type { AdapterResult, FindingResult, ResultsJson } from '../results/schema';

/** The findings of `a`, in ID order (none for results written before findings existed). */
export function findingsOf(a: AdapterResult): readonly FindingResult[] {
  return a.findings ?? [];
}

/** `finding F2 (C-PAE-1, generic mm, open)`. */
export function findingLabel(f: FindingResult): string {
  return `finding ${f.id} (${f.contract}, generic mm, ${f.status})`;
}

/** The one-line explanation of a finding: what it is, that it is not the adapter's, where it is described. */
export function findingNote(f: FindingResult): string {
  return `known generic-mm finding ${f.id} (${f.status}) on ${f.contract}: ${f.title}; not this adapter's failure, not counted in its verdict (see ${f.reference})`;
}

/** ` except finding F1, F2` after an adapter's verdict word, or `` when it ran into none. */
export function exceptFindings(a: AdapterResult): string {
  const ids = findingsOf(a).map((f) => f.id);
  return ids.length ? ` except finding ${ids.join(', ')}` : '';
}

/** Every finding of a results document, by ID, with the adapters that ran into it (in document order). */
export function findingsSummary(results: ResultsJson): { id: string; adapters: string[] }[] {
  const by = new Map<string, string[]>();
  for (const a of results.adapters) for (const f of findingsOf(a)) by.set(f.id, [...(by.get(f.id) ?? []), a.name]);
  return [...by.entries()].sort((x, y) => x[0].localeCompare(y[0], 'en', { numeric: true })).map(([id, adapters]) => ({ id, adapters }));
}

/** `; findings: F2 (1 adapter)` for the summary line, or `` when there are none. */
export function findingsSummaryText(results: ResultsJson): string {
  const s = findingsSummary(results);
  return s.length ? `; findings: ${s.map((f) => `${f.id} (${f.adapters.length} adapter${f.adapters.length > 1 ? 's' : ''})`).join(', ')}` : '';
}
