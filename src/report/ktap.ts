/**
 * KTAP version 1 output (Documentation/dev-tools/ktap.rst), the kernel's own test format,
 * indented the way KUnit prints it (4 spaces per nesting level), with kselftest's directives
 * and closing `# Totals:` line.
 *
 * Expected failures use `# XFAIL`, not `# TODO`: ktap.rst lists both, but says the use of TODO
 * "in the kernel is discouraged" and its TAP/KTAP table marks TODO "not recognized" in KTAP,
 * while XFAIL "is used by some kselftest tests" (kselftest.h prints `ok N # XFAIL`). An expected
 * failure is therefore an `ok` line, and a parent whose only failures are expected is `ok`.
 * A documented known-bad contract that passes is an unexpected pass: kselftest counts it as
 * `xpass` and fails the run (`ksft_finished()`), so it is written `not ok N ... # XPASS ...`;
 * XPASS is not among ktap.rst's directives, so a KTAP parser falls back to `not ok`, a failure,
 * as ktap.rst prescribes for directives it does not support.
 */
import type { AdapterResult, ContractResult, ResultsJson } from '../results/schema';
import { knownBadLabel } from '../adapter/types';
import { contractOutcome } from '../check/expectation';
import { oneLine } from './escape';
import { adapterOutcome, formatTotals, totals, type AdapterOutcome } from './outcome';
import { counterexampleText } from './counterexample';
import { exceptFindings, findingNote, findingsOf } from './findings';

/** One level of subtest indentation, as KUnit prints it. */
export const KTAP_INDENT = '    ';

/**
 * Makes `s` usable as a KTAP test description or directive text: one line, no `#` (which would
 * start the directive), no leading/trailing blanks; `#` becomes `_`.
 */
export function ktapName(s: string): string {
  const name = oneLine(s).replace(/#/g, '_').replace(/\s+/g, ' ').trim();
  return name === '' ? 'unnamed' : name;
}

/** Diagnostic lines (`# ...`) for `text`, one per non-empty line. */
function diagnostics(text: string, indent: string): string[] {
  return text
    .split('\n')
    .map((l) => oneLine(l).trimEnd())
    .filter((l) => l !== '')
    .map((l) => `${indent}# ${l}`);
}

/** The violation, timeline and replay command of a failed contract, as diagnostic text. */
function failureDiagnostics(c: ContractResult): string {
  return c.counterexample === undefined ? `${c.id} failed; no counterexample recorded` : counterexampleText(c.counterexample);
}

function fixOf(adapter: AdapterResult): string {
  return ktapName(adapter.knownBad?.fix ?? 'unknown');
}

function labelOf(adapter: AdapterResult): string {
  return knownBadLabel(adapter.knownBad?.kind);
}

function contractLines(adapter: AdapterResult, c: ContractResult, n: number, indent: string): string[] {
  const name = ktapName(`${c.id} ${c.summary}`);
  switch (contractOutcome(adapter, c)) {
    case 'pass':
      return [`${indent}ok ${n} ${name}`];
    case 'skip':
      return [`${indent}ok ${n} ${name} # SKIP n/a: contract does not apply to this adapter`];
    case 'xpass':
      return [`${indent}not ok ${n} ${name} # XPASS documented ${labelOf(adapter)} contract passed (fix: ${fixOf(adapter)})`];
    case 'xfail':
      return [...diagnostics(failureDiagnostics(c), indent), `${indent}ok ${n} ${name} # XFAIL ${labelOf(adapter)}, fix: ${fixOf(adapter)}`];
    case 'fail':
      return [...diagnostics(failureDiagnostics(c), indent), `${indent}not ok ${n} ${name}`];
  }
}

/** The diagnostic line saying how the adapter compares to its expectation. */
function statusText(adapter: AdapterResult, o: AdapterOutcome): string {
  const j = o.judgement;
  switch (o.kind) {
    case 'pass':
      return j.notRun.length > 0 ? `as expected: documented known-bad ${j.notRun.join(', ')} not run, nothing failed` : 'conforms, as expected';
    case 'xfail':
      return `${labelOf(adapter)}, as expected: ${j.expected.join(', ')} failed${j.notRun.length > 0 ? ` (${j.notRun.join(', ')} not run)` : ''}`;
    case 'xpass':
      return `UNEXPECTED: documented known-bad ${j.missing.join(', ')} passed`;
    case 'fail': {
      if (o.unexplained) return 'UNEXPECTED: the results say not as expected, though no contract result shows why';
      const passed = j.missing.length > 0 ? `; documented known-bad ${j.missing.join(', ')} passed` : '';
      return `UNEXPECTED: ${j.unexpected.join(', ')} failed${adapter.knownBad !== undefined ? ' (not documented)' : ''}${passed}`;
    }
    case 'error':
      return `error: ${adapter.error ?? 'adapter error'}`;
  }
}

function adapterLines(adapter: AdapterResult, n: number): string[] {
  const lines: string[] = [];
  const sub = KTAP_INDENT;
  if (adapter.contracts.length > 0) {
    const expectation = adapter.knownBad !== undefined
      ? `${labelOf(adapter)}, documented to fail ${adapter.knownBad.contracts.join(', ')} (fix: ${adapter.knownBad.fix})`
      : 'expected to conform';
    lines.push(`${sub}KTAP version 1`);
    lines.push(`${sub}# Subtest: ${ktapName(adapter.name)}`);
    lines.push(...diagnostics(`arch ${adapter.arch}, era ${adapter.era}, ${expectation}`, sub));
    lines.push(`${sub}1..${adapter.contracts.length}`);
    adapter.contracts.forEach((c, i) => lines.push(...contractLines(adapter, c, i + 1, sub)));
  }
  const o = adapterOutcome(adapter);
  lines.push(...diagnostics(statusText(adapter, o) + exceptFindings(adapter), ''));
  for (const f of findingsOf(adapter)) lines.push(...diagnostics(`${findingNote(f)}\n${counterexampleText(f.counterexample)}`, ''));
  if (o.kind === 'error' && adapter.errorCounterexample !== undefined) lines.push(...diagnostics(counterexampleText(adapter.errorCounterexample), ''));
  const name = ktapName(adapter.name);
  if (o.kind === 'error') {
    const error = adapter.error ?? 'adapter error';
    lines.push(`not ok ${n} ${name} # ERROR ${ktapName(error.split('\n')[0] ?? error)}`);
  } else {
    lines.push(`${o.kind === 'pass' || o.kind === 'xfail' ? 'ok' : 'not ok'} ${n} ${name}`);
  }
  return lines;
}

/**
 * Renders `results` as KTAP version 1: `KTAP version 1`, the plan `1..N` (N = adapters), one
 * top-level test per adapter, and kselftest's closing `# Totals: pass:N fail:N xfail:N xpass:N
 * skip:N error:N` (see outcome.ts: one count per contract, plus one `error` per adapter that
 * could not be run). An adapter's contracts are its subtests, indented by {@link KTAP_INDENT},
 * the block opening with `KTAP version 1`, a `# Subtest: <adapter>` line (as KUnit prints it)
 * and its plan `1..M`. A contract is `ok N <id> <summary>` when it passes;
 * `ok ... # SKIP <reason>` when `n/a`; `ok ... # XFAIL known-bad (<kind>), fix: <fix>` when it is a
 * documented known-bad contract that failed; `not ok ... # XPASS ...` when such a contract
 * passed; `not ok N <id> <summary>` for any other failure. A failed contract's `# ` diagnostic
 * lines (violation, text timeline, replay command) come directly before its result line, where
 * ktap.rst puts a test's diagnostics. An adapter is `ok` when it behaved as expected (conforms,
 * or fails as documented), `not ok` otherwise, and `not ok N <adapter> # ERROR <message>` when
 * it could not be run. A known generic-mm finding the adapter's check ran into is not a test:
 * its note and counterexample are `# ` diagnostic lines before the adapter's result line, and
 * the status line ends `except finding F1`. Test names never contain `#`. Ends with a newline.
 */
export function renderKtap(results: ResultsJson): string {
  const lines = ['KTAP version 1', `1..${results.adapters.length}`];
  results.adapters.forEach((a, i) => lines.push(...adapterLines(a, i + 1)));
  lines.push(`# Totals: ${formatTotals(totals(results))}`);
  return `${lines.join('\n')}\n`;
}
