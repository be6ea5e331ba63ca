/**
 * The arch × era × contract matrix as data: which rows, which columns, what each cell says.
 * The HTML and Markdown renderers both draw this model, so they can never disagree.
 */
import type { AdapterResult, ContractResult, ResultsJson } from '../results/schema';

/** What one adapter × contract cell shows. `missing`: the adapter reported no result for that contract. */
export type CellKind = 'pass' | 'fail' | 'fail-expected' | 'n/a' | 'error' | 'missing';

/** One cell of the matrix. */
export interface MatrixCell {
  /** Contract ID of the column. */
  contract: string;
  kind: CellKind;
  /** Short text for the cell: `pass`, `fail`, `fail (expected)`, `n/a`, `error`, `-`. */
  text: string;
  /** The contract result behind the cell, if the adapter reported one. */
  result?: ContractResult;
}

/** How an adapter's outcome compares to its expectation. */
export type StatusKind = 'conforms' | 'known-bad' | 'unexpected';

/** The status column of a row. */
export interface AdapterStatus {
  kind: StatusKind;
  /** `conforms`, `known-bad, as expected`, or `UNEXPECTED: <why>`. */
  text: string;
}

/** One row of the matrix: one adapter. */
export interface MatrixRow {
  adapter: AdapterResult;
  status: AdapterStatus;
  /** One cell per column, in column order. */
  cells: MatrixCell[];
}

/** A contract column. */
export interface MatrixColumn {
  /** Contract ID. */
  id: string;
  /** Summary of the contract, from the first adapter that reported it. */
  summary: string;
}

/** The whole matrix. */
export interface Matrix {
  columns: MatrixColumn[];
  /** Rows sorted by arch, then era, then adapter name (natural order: `v6.5` before `v6.13`). */
  rows: MatrixRow[];
}

/**
 * Compares strings so that embedded decimal numbers sort numerically (`v6.5` < `v6.13`).
 * Locale-independent, so the order is the same on every machine.
 */
export function naturalCompare(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i] as string;
    const y = tb[i] as string;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const bx = BigInt(x);
      const by = BigInt(y);
      if (bx !== by) return bx < by ? -1 : 1;
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ta.length !== tb.length) return ta.length < tb.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a failing `contract` of `adapter` is one its known-bad declaration documents. */
export function isExpectedFailure(adapter: AdapterResult, contract: string): boolean {
  return adapter.expectation === 'known-bad' && (adapter.knownBad?.contracts.includes(contract) ?? false);
}

/** The status column of `adapter`: `conforms`, `known-bad, as expected`, or `UNEXPECTED: ...`. */
export function adapterStatus(adapter: AdapterResult): AdapterStatus {
  if (adapter.asExpected && adapter.verdict !== 'error') {
    return adapter.expectation === 'known-bad'
      ? { kind: 'known-bad', text: 'known-bad, as expected' }
      : { kind: 'conforms', text: 'conforms' };
  }
  let why: string;
  if (adapter.verdict === 'error') why = 'adapter error';
  else if (adapter.expectation === 'known-bad' && adapter.verdict === 'conforms') why = 'known-bad adapter conforms';
  else if (adapter.expectation === 'known-bad') why = 'known-bad adapter fails other contracts than documented';
  else if (adapter.verdict === 'violates') why = 'violates';
  else why = `verdict ${adapter.verdict}`;
  return { kind: 'unexpected', text: `UNEXPECTED: ${why}` };
}

function cellFor(adapter: AdapterResult, contract: string): MatrixCell {
  const result = adapter.contracts.find((c) => c.id === contract);
  if (result === undefined) {
    return adapter.verdict === 'error'
      ? { contract, kind: 'error', text: 'error' }
      : { contract, kind: 'missing', text: '-' };
  }
  switch (result.verdict) {
    case 'pass':
      return { contract, kind: 'pass', text: 'pass', result };
    case 'n/a':
      return { contract, kind: 'n/a', text: 'n/a', result };
    case 'fail':
      return isExpectedFailure(adapter, contract)
        ? { contract, kind: 'fail-expected', text: 'fail (expected)', result }
        : { contract, kind: 'fail', text: 'fail', result };
  }
}

/** Builds the matrix of `results`: columns are contract IDs in order of first appearance. */
export function buildMatrix(results: ResultsJson): Matrix {
  const columns: MatrixColumn[] = [];
  const seen = new Set<string>();
  for (const adapter of results.adapters) {
    for (const c of adapter.contracts) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        columns.push({ id: c.id, summary: c.summary });
      }
    }
  }
  const sorted = results.adapters
    .map((adapter, i) => ({ adapter, i }))
    .sort(
      (x, y) =>
        naturalCompare(x.adapter.arch, y.adapter.arch) ||
        naturalCompare(x.adapter.era, y.adapter.era) ||
        naturalCompare(x.adapter.name, y.adapter.name) ||
        x.i - y.i,
    );
  const rows = sorted.map(({ adapter }) => ({
    adapter,
    status: adapterStatus(adapter),
    cells: columns.map((col) => cellFor(adapter, col.id)),
  }));
  return { columns, rows };
}
