/**
 * The mutation report: each mutant's status, tallies per arch and per operator, kill rates
 * (overall, per operator, and over the mutants not classified as equivalent), the surviving
 * mutants with their diff lines, as JSON and as text.
 */
import type { Mutant, Operator } from './enumerate';
import type { Classifications, SurvivorClass } from './survivors';

/**
 * What became of a mutant. `not-run`: no selected correct adapter runs its unit (static
 * reachability from each adapter's own file, src/mutate/targets.ts), so nothing can judge it:
 * reported apart and listed, neither killed nor survived.
 */
export type MutantStatus = 'invalid' | 'killed-contract' | 'killed-error' | 'survived' | 'not-run';

/** One mutant's outcome. */
export interface MutantOutcome {
  mutant: Mutant;
  /** The arch folder of its file (`arch/<arch>/...`). */
  arch: string;
  status: MutantStatus;
  /** The adapters it was (to be) checked against. */
  adapters: string[];
  /** Why it is invalid (the first compile error), or what killed it (adapter: contracts or error). */
  detail?: string;
}

/** Counts of one row of the tables. */
export interface Tally {
  total: number;
  invalid: number;
  killedContract: number;
  killedError: number;
  survived: number;
  /** Survivors classified equivalent / model-limit. */
  equivalent: number;
  modelLimit: number;
  /** Mutants of units no selected correct adapter runs (not checked). */
  notRun: number;
}

/** The report document (`--json`). */
export interface MutationReport {
  schema: 1;
  tool: 'ptconform-mutate';
  version: string;
  seed: number;
  runs: number;
  adapters: string[];
  /** Adapters left out because they are not as expected unmutated (name: why). */
  excluded: Record<string, string>;
  wallMs: number;
  totals: Tally;
  /** killed / (killed + survived), and the same without the equivalent survivors. */
  killRate: number | null;
  killRateNonEquivalent: number | null;
  byArch: Record<string, Tally>;
  byOperator: Record<string, Tally & { killRate: number | null }>;
  mutants: {
    id: string; file: string; line: number; unit: string; operator: Operator; status: MutantStatus;
    adapters: string[]; detail?: string; before: string; after: string; classification?: SurvivorClass;
  }[];
  /** Surviving mutant IDs without a classification. */
  unclassified: string[];
  /** Classified IDs that did not survive this run (killed, invalid, or no longer enumerated among those run). */
  staleClassifications: string[];
}

/** An empty {@link Tally}. */
function emptyTally(): Tally {
  return { total: 0, invalid: 0, killedContract: 0, killedError: 0, survived: 0, equivalent: 0, modelLimit: 0, notRun: 0 };
}

/** Count `o` into `t`. */
function count(t: Tally, o: MutantOutcome, c: SurvivorClass | undefined): void {
  t.total++;
  if (o.status === 'invalid') t.invalid++;
  else if (o.status === 'killed-contract') t.killedContract++;
  else if (o.status === 'killed-error') t.killedError++;
  else if (o.status === 'not-run') t.notRun++;
  else {
    t.survived++;
    if (c?.class === 'equivalent') t.equivalent++;
    if (c?.class === 'model-limit') t.modelLimit++;
  }
}

/** killed / (killed + survived - `minus`), null when nothing ran. */
export function killRate(t: Tally, minus = 0): number | null {
  const killed = t.killedContract + t.killedError;
  const denom = killed + t.survived - minus;
  return denom > 0 ? killed / denom : null;
}

/** Build the report of `outcomes`. */
export function buildReport(outcomes: readonly MutantOutcome[], classes: Classifications, meta: Pick<MutationReport, 'version' | 'seed' | 'runs' | 'adapters' | 'excluded' | 'wallMs'>): MutationReport {
  const totals = emptyTally();
  const byArch: Record<string, Tally> = {};
  const byOp: Record<string, Tally> = {};
  const survivors = new Set<string>();
  for (const o of outcomes) {
    const c = o.status === 'survived' ? classes.get(o.mutant.id) : undefined;
    if (o.status === 'survived') survivors.add(o.mutant.id);
    count(totals, o, c);
    count((byArch[o.arch] ??= emptyTally()), o, c);
    count((byOp[o.mutant.operator] ??= emptyTally()), o, c);
  }
  const byOperator: MutationReport['byOperator'] = {};
  for (const [op, t] of Object.entries(byOp)) byOperator[op] = { ...t, killRate: killRate(t) };
  return {
    schema: 1, tool: 'ptconform-mutate', ...meta,
    totals, killRate: killRate(totals), killRateNonEquivalent: killRate(totals, totals.equivalent),
    byArch, byOperator,
    mutants: outcomes.map((o) => {
      const c = o.status === 'survived' ? classes.get(o.mutant.id) : undefined;
      return {
        id: o.mutant.id, file: o.mutant.file, line: o.mutant.line, unit: o.mutant.unit, operator: o.mutant.operator, status: o.status,
        adapters: o.adapters, ...(o.detail !== undefined ? { detail: o.detail } : {}), before: o.mutant.before, after: o.mutant.after,
        ...(c ? { classification: c } : {}),
      };
    }),
    unclassified: [...survivors].filter((id) => !classes.has(id)),
    staleClassifications: [...classes.keys()].filter((id) => !survivors.has(id) && outcomes.some((o) => o.mutant.id === id)),
  };
}

/** `x` as a percentage. */
function pct(x: number | null): string {
  return x === null ? '-' : `${(100 * x).toFixed(1)}%`;
}

/** One line of code, whitespace collapsed. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A mutant's diff, as the report prints it. */
export function diffLines(m: { file: string; line: number; operator: string; id: string; before: string; after: string }): string[] {
  return [`${m.file}:${m.line}  ${m.operator}  ${m.id}`, `    - ${oneLine(m.before)}`, `    + ${oneLine(m.after) || '(deleted)'}`];
}

/** The text report: the tables, then the survivors (unclassified first). */
export function renderReport(r: MutationReport): string {
  const lines: string[] = [];
  const head = `${''.padEnd(10)} ${'total'.padStart(6)} ${'invalid'.padStart(7)} ${'not-run'.padStart(7)} ${'k-contr'.padStart(7)} ${'k-error'.padStart(7)} ${'survived'.padStart(8)} ${'equiv'.padStart(5)} ${'limit'.padStart(5)} ${'kill'.padStart(6)} ${'kill-ne'.padStart(7)}`;
  const row = (name: string, t: Tally): string =>
    `${name.padEnd(10)} ${String(t.total).padStart(6)} ${String(t.invalid).padStart(7)} ${String(t.notRun).padStart(7)} ${String(t.killedContract).padStart(7)} ${String(t.killedError).padStart(7)} ${String(t.survived).padStart(8)} ${String(t.equivalent).padStart(5)} ${String(t.modelLimit).padStart(5)} ${pct(killRate(t)).padStart(6)} ${pct(killRate(t, t.equivalent)).padStart(7)}`;
  lines.push('per arch', head, ...Object.keys(r.byArch).sort().map((a) => row(a, r.byArch[a]!)), row('all', r.totals), '');
  lines.push('per operator', head, ...Object.keys(r.byOperator).map((o) => row(o, r.byOperator[o]!)), row('all', r.totals), '');
  const survivors = r.mutants.filter((m) => m.status === 'survived');
  const unclassified = survivors.filter((m) => !m.classification);
  if (unclassified.length) {
    lines.push(`unclassified survivors (${unclassified.length}):`);
    for (const m of unclassified) lines.push(...diffLines(m));
    lines.push('');
  }
  const classified = survivors.filter((m) => m.classification);
  if (classified.length) {
    lines.push(`classified survivors (${classified.length}):`);
    for (const m of classified) lines.push(`${m.file}:${m.line}  ${m.operator}  ${m.id}  [${m.classification!.class}]`);
    lines.push('');
  }
  const notRun = r.mutants.filter((m) => m.status === 'not-run');
  if (notRun.length) {
    lines.push(`not run by any correct adapter (${notRun.length}): no correct adapter's hooks reach their unit, so none judges them`);
    for (const m of notRun) lines.push(...diffLines(m));
    lines.push('');
  }
  if (r.staleClassifications.length) lines.push(`classified in mutation/survivors.json but not surviving now (${r.staleClassifications.length}): ${r.staleClassifications.join(', ')}`, '');
  for (const [name, why] of Object.entries(r.excluded)) lines.push(`excluded ${name}: ${why}`);
  const t = r.totals;
  lines.push(
    `${t.total} mutants: ${t.invalid} invalid, ${t.notRun} not run, ${t.killedContract + t.killedError} killed (${t.killedContract} by a contract, ${t.killedError} by an error), ` +
    `${t.survived} survived (${t.equivalent} equivalent, ${t.modelLimit} model-limit, ${r.unclassified.length} unclassified); ` +
    `kill rate ${pct(r.killRate)}, over non-equivalent ${pct(r.killRateNonEquivalent)}; seed ${r.seed}, ${r.runs} runs; ${(r.wallMs / 1000).toFixed(0)} s`,
  );
  return lines.join('\n');
}
