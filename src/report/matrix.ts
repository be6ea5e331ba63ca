/**
 * The arch × era × contract matrix as data: which rows, which columns, what each cell says.
 * The HTML and Markdown renderers both draw this model, so they can never disagree.
 */
import { contractOutcome, isDocumented } from '../check/expectation';
import type { AdapterResult, ContractResult, ResultsJson } from '../results/schema';
import { knownBadLabel } from '../adapter/types';
import { adapterOutcome } from './outcome';
import { exceptFindings, findingsOf } from './findings';

/**
 * What one adapter × contract cell shows: `fail-expected` is a documented known-bad contract
 * that failed (as expected), `pass-unexpected` one that passed (XPASS, counts against the run),
 * `fail` any other failure. `missing`: the adapter reported no result for that contract. A cell
 * whose contract a known generic-mm finding of the adapter's check is on says ` + finding F1`.
 */
export type CellKind = 'pass' | 'fail' | 'fail-expected' | 'pass-unexpected' | 'n/a' | 'error' | 'missing';

/** One cell of the matrix. */
export interface MatrixCell {
  /** Contract ID of the column. */
  contract: string;
  kind: CellKind;
  /** Short text for the cell: `pass`, `fail`, `fail (expected)`, `pass (unexpected)`, `n/a`, `error`, `-`. */
  text: string;
  /** The contract result behind the cell, if the adapter reported one. */
  result?: ContractResult;
}

/** How an adapter's outcome compares to its expectation. */
export type StatusKind = 'conforms' | 'known-bad' | 'unexpected';

/** The status column of a row. */
export interface AdapterStatus {
  kind: StatusKind;
  /** `conforms`, `known-bad, as expected`, `known-bad, as expected (<documented> not run)`, or `UNEXPECTED: <why>`. */
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
  return isDocumented(adapter, contract);
}

/** The status column of `adapter`, from its {@link adapterOutcome}, ending ` except finding F1` when its check ran into known generic-mm findings. */
export function adapterStatus(adapter: AdapterResult): AdapterStatus {
  const status = outcomeStatus(adapter);
  return { ...status, text: status.text + exceptFindings(adapter) };
}

function outcomeStatus(adapter: AdapterResult): AdapterStatus {
  const { kind, judgement: j, unexplained } = adapterOutcome(adapter);
  const notRun = j.notRun.length > 0 ? ` (${j.notRun.join(', ')} not run)` : '';
  const label = knownBadLabel(adapter.knownBad?.kind);
  switch (kind) {
    case 'pass':
      return adapter.knownBad !== undefined
        ? { kind: 'known-bad', text: `${label}, as expected${notRun}` }
        : { kind: 'conforms', text: 'conforms' };
    case 'xfail':
      return { kind: 'known-bad', text: `${label}, as expected${notRun}` };
    case 'xpass':
      return { kind: 'unexpected', text: `UNEXPECTED: ${label} adapter passes ${j.missing.join(', ')}` };
    case 'error':
      return { kind: 'unexpected', text: 'UNEXPECTED: adapter error' };
    case 'fail':
      if (unexplained) return { kind: 'unexpected', text: 'UNEXPECTED: not as expected' };
      return {
        kind: 'unexpected',
        text: adapter.knownBad !== undefined ? `UNEXPECTED: ${label} adapter fails undocumented ${j.unexpected.join(', ')}` : 'UNEXPECTED: violates',
      };
  }
}

/** `cell` with ` + finding F1` in its text when the adapter's check ran into a known generic-mm finding on its contract. */
function withFindings(adapter: AdapterResult, cell: MatrixCell): MatrixCell {
  const ids = findingsOf(adapter).filter((f) => f.contract === cell.contract).map((f) => f.id);
  return ids.length ? { ...cell, text: `${cell.text} + finding ${ids.join(', ')}` } : cell;
}

function cellFor(adapter: AdapterResult, contract: string): MatrixCell {
  return withFindings(adapter, outcomeCell(adapter, contract));
}

function outcomeCell(adapter: AdapterResult, contract: string): MatrixCell {
  const result = adapter.contracts.find((c) => c.id === contract);
  if (result === undefined) {
    return adapter.verdict === 'error'
      ? { contract, kind: 'error', text: 'error' }
      : { contract, kind: 'missing', text: '-' };
  }
  switch (contractOutcome(adapter, result)) {
    case 'pass':
      return { contract, kind: 'pass', text: 'pass', result };
    case 'skip':
      return { contract, kind: 'n/a', text: 'n/a', result };
    case 'xfail':
      return { contract, kind: 'fail-expected', text: 'fail (expected)', result };
    case 'xpass':
      return { contract, kind: 'pass-unexpected', text: 'pass (unexpected)', result };
    case 'fail':
      return { contract, kind: 'fail', text: 'fail', result };
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
