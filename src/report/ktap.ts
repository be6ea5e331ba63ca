/**
 * KTAP version 1 output (Documentation/dev-tools/ktap.rst), the kernel's own test format,
 * indented the way KUnit prints it (4 spaces per nesting level).
 */
import type { AdapterResult, ContractResult, ResultsJson } from '../results/schema';
import { oneLine } from './escape';
import { isExpectedFailure } from './matrix';
import { renderTimelineText } from './timeline';

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

function contractLines(adapter: AdapterResult, c: ContractResult, n: number, indent: string): string[] {
  const name = ktapName(`${c.id} ${c.summary}`);
  switch (c.verdict) {
    case 'pass':
      return [`${indent}ok ${n} ${name}`];
    case 'n/a':
      return [`${indent}ok ${n} ${name} # SKIP n/a: contract does not apply to this adapter`];
    case 'fail': {
      const diag: string[] = [];
      if (isExpectedFailure(adapter, c.id)) {
        diag.push(`known-bad, as expected (kernel fix: ${adapter.knownBad?.fix ?? 'unknown'})`);
      }
      const cx = c.counterexample;
      if (cx === undefined) {
        diag.push(`${c.id} failed; no counterexample recorded`);
      } else {
        diag.push(`${cx.violation.contract}: ${cx.violation.message}`);
        diag.push(renderTimelineText(cx));
        diag.push(`seed ${cx.seed}, path ${cx.path}, ${cx.length} segments`);
        diag.push(`replay: ${cx.replay}`);
      }
      return [...diagnostics(diag.join('\n'), indent), `${indent}not ok ${n} ${name}`];
    }
  }
}

function adapterLines(adapter: AdapterResult, n: number): string[] {
  const lines: string[] = [];
  const sub = KTAP_INDENT;
  if (adapter.contracts.length > 0) {
    lines.push(`${sub}KTAP version 1`);
    lines.push(`${sub}# Subtest: ${ktapName(adapter.name)}`);
    lines.push(...diagnostics(`arch ${adapter.arch}, era ${adapter.era}, expected to ${adapter.expectation === 'known-bad' ? 'be known-bad' : 'conform'}`, sub));
    lines.push(`${sub}1..${adapter.contracts.length}`);
    adapter.contracts.forEach((c, i) => lines.push(...contractLines(adapter, c, i + 1, sub)));
  }
  const failed = adapter.contracts.some((c) => c.verdict === 'fail');
  const status = adapter.asExpected
    ? adapter.expectation === 'known-bad'
      ? 'known-bad, as expected'
      : 'conforms, as expected'
    : 'UNEXPECTED';
  if (adapter.verdict === 'error') {
    const error = adapter.error ?? 'adapter error';
    lines.push(...diagnostics(`error: ${error}`, ''));
    lines.push(...diagnostics(status, ''));
    lines.push(`not ok ${n} ${ktapName(adapter.name)} # ERROR ${ktapName(error.split('\n')[0] ?? error)}`);
    return lines;
  }
  lines.push(...diagnostics(status, ''));
  const ok = adapter.verdict === 'conforms' && !failed;
  lines.push(`${ok ? 'ok' : 'not ok'} ${n} ${ktapName(adapter.name)}`);
  return lines;
}

/**
 * Renders `results` as KTAP version 1: `KTAP version 1`, the plan `1..N` (N = adapters), and one
 * top-level test per adapter. An adapter's contracts are its subtests, indented by
 * {@link KTAP_INDENT}, each block opening with `KTAP version 1`, a `# Subtest: <adapter>` line
 * (as KUnit prints it) and its plan `1..M`. Results are `ok N <id> <summary>`,
 * `not ok N <id> <summary>`, or `ok N <id> <summary> # SKIP <reason>` for `n/a`. A failing
 * subtest's `# ` diagnostic lines (violation, text timeline, replay command) come directly
 * before its `not ok` line, where ktap.rst puts a test's diagnostics and where KUnit's parser
 * attributes them to that test. An adapter is `ok` only when it conforms; an adapter error is
 * `not ok N <adapter> # ERROR <message>`. Test names never contain `#`. Ends with a newline.
 */
export function renderKtap(results: ResultsJson): string {
  const lines = ['KTAP version 1', `1..${results.adapters.length}`];
  results.adapters.forEach((a, i) => lines.push(...adapterLines(a, i + 1)));
  return `${lines.join('\n')}\n`;
}
