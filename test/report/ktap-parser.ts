/**
 * A small strict KTAP version 1 parser (Documentation/dev-tools/ktap.rst) for the report tests.
 *
 * It accepts exactly the four KTAP line kinds (version, plan, result, diagnostic) at the
 * indentation their nesting level requires and rejects everything else, so it also checks:
 * a version line opens every (sub)test block and a plan follows it (diagnostic lines, such as
 * KUnit's `# Subtest: <name>`, may come between); results are numbered 1, 2, ... per block and
 * their count matches the plan; a nested block is closed by its parent's result line; a parent
 * whose subtest failed (without SKIP) is itself `not ok`; descriptions contain no `#`.
 * Diagnostic lines are attached to the next result line of their level, as ktap.rst specifies
 * (including those between a nested block and its parent's result line).
 *
 * Directives: a result line is `<result> <number> [<description>][ # [<directive>] [<data>]]`;
 * the directive is one of ktap.rst's keywords (SKIP, TODO, XFAIL, TIMEOUT, ERROR), upper case;
 * any other word after ` # ` is diagnostic data (so kselftest's `XPASS` is data, and the result
 * falls back to ok / not ok, as ktap.rst says a parser must do with a directive it does not
 * support). TIMEOUT and ERROR results must be `not ok`. Stricter than ktap.rst where the writers
 * never need the latitude: the plan is required, and "unknown lines" are rejected.
 * {@link countKtap} recounts a document the way kselftest's `# Totals:` line counts it, and
 * {@link ktapTotals} reads that line.
 */
import type { Totals } from '../../src/report/outcome';

/** One parsed test (a result line and, for a parent, its subtests). */
export interface KtapTest {
  number: number;
  ok: boolean;
  /** The description (test name); '' when absent. */
  name: string;
  /** `SKIP`, `TODO`, `XFAIL`, `TIMEOUT` or `ERROR`, when the result line has one. */
  directive?: string;
  /** Text after the `#` (without the directive keyword), when present. */
  directiveText?: string;
  /** Diagnostic lines (without `# `) directly before this result line, at its level. */
  diagnostics: string[];
  /** The nested block, when the test has subtests. */
  subtests?: KtapBlock;
}

/** One block: version line, plan, tests. */
export interface KtapBlock {
  version: string;
  plan: number;
  /** Diagnostic lines between the version line and the plan (e.g. `Subtest: name`). */
  header: string[];
  tests: KtapTest[];
  /** Diagnostic lines after the last result of the block. */
  trailing: string[];
}

/** Options of {@link parseKtap}. */
export interface ParseKtapOptions {
  /** One level of indentation. Default four spaces (what KUnit prints; ktap.rst's examples use two). */
  indent?: string;
}

const DIRECTIVES = new Set(['SKIP', 'TODO', 'XFAIL', 'TIMEOUT', 'ERROR']);
const VERSION = /^(KTAP version 1|TAP version 1[34])$/;

/** Parses `text` (a complete KTAP document), throwing on the first violation of the format. */
export function parseKtap(text: string, options: ParseKtapOptions = {}): KtapBlock {
  const unit = options.indent ?? '    ';
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`KTAP line ${i + 1} ${JSON.stringify(lines[i] ?? '<end>')}: ${msg}`);
  };
  /** The nesting level of a line and its content, or undefined for an indentation that fits no level. */
  const split = (line: string): { level: number; body: string } | undefined => {
    let level = 0;
    let rest = line;
    while (rest.startsWith(unit)) {
      rest = rest.slice(unit.length);
      level++;
    }
    if (/^\s/.test(rest)) return undefined;
    return { level, body: rest };
  };
  const diag = (body: string): string | undefined => (body === '#' ? '' : body.startsWith('# ') ? body.slice(2) : undefined);

  const parseResult = (body: string): Omit<KtapTest, 'diagnostics'> | undefined => {
    const m = /^(ok|not ok) (0|[1-9][0-9]*)(.*)$/.exec(body);
    if (m === null) return undefined;
    const rest = m[3] as string;
    if (rest !== '' && !rest.startsWith(' ')) return undefined;
    const hash = rest.indexOf('#');
    const desc = (hash < 0 ? rest : rest.slice(0, hash)).trim();
    const test: Omit<KtapTest, 'diagnostics'> = { number: Number(m[2]), ok: m[1] === 'ok', name: desc };
    if (hash >= 0) {
      if (hash > 0 && rest[hash - 1] !== ' ') fail("'#' inside a test description");
      if (rest.length > hash + 1 && rest[hash + 1] !== ' ') fail("'#' not followed by a space (directive separator is ' # ')");
      const after = rest.slice(hash + 1).trim();
      const word = after.split(' ')[0] ?? '';
      if (DIRECTIVES.has(word)) {
        test.directive = word;
        test.directiveText = after.slice(word.length).trim();
      } else {
        if (DIRECTIVES.has(word.toUpperCase())) fail(`directive ${JSON.stringify(word)} must be upper case`);
        test.directiveText = after;
      }
      if ((test.directive === 'ERROR' || test.directive === 'TIMEOUT') && test.ok) fail(`an ${test.directive} result must be "not ok"`);
    }
    return test;
  };

  const parseBlock = (level: number): KtapBlock => {
    const first = lines[i] === undefined ? undefined : split(lines[i] as string);
    if (first === undefined || first.level !== level || !VERSION.test(first.body)) fail(`expected a version line at level ${level}`);
    const block: KtapBlock = { version: (first as { body: string }).body, plan: -1, header: [], tests: [], trailing: [] };
    i++;
    // header diagnostics, then the plan
    for (;;) {
      const line = lines[i];
      if (line === undefined) return fail('missing plan line');
      const s = split(line);
      if (s === undefined || s.level !== level) return fail(`expected a plan line at level ${level}`);
      const d = diag(s.body);
      if (d !== undefined) {
        block.header.push(d);
        i++;
        continue;
      }
      const plan = /^1\.\.(0|[1-9][0-9]*)$/.exec(s.body);
      if (plan === null) return fail('expected a plan line "1..N"');
      block.plan = Number(plan[1]);
      i++;
      break;
    }
    let pending: string[] = [];
    let sub: KtapBlock | undefined;
    while (i < lines.length) {
      const s = split(lines[i] as string);
      if (s === undefined) fail('indentation fits no nesting level');
      const { level: l, body } = s as { level: number; body: string };
      if (l < level) break; // the parent's result line (or trailing lines) ends this block
      if (l === level + 1) {
        if (!VERSION.test(body)) fail('a nested block must start with a version line');
        if (sub !== undefined) fail('two nested blocks without a result line between them');
        sub = parseBlock(level + 1);
        continue;
      }
      if (l > level) fail(`line is nested deeper than level ${level + 1}`);
      const d = diag(body);
      if (d !== undefined) {
        pending.push(d);
        i++;
        continue;
      }
      const r = parseResult(body);
      if (r === undefined) {
        if (VERSION.test(body)) fail('version line where a result was expected');
        if (/^1\.\./.test(body)) fail('second plan line in a block');
        fail('not a KTAP line (version, plan, result or "# " diagnostic)');
      }
      const test: KtapTest = { ...(r as Omit<KtapTest, 'diagnostics'>), diagnostics: pending };
      if (test.number !== block.tests.length + 1) fail(`test number ${test.number}, expected ${block.tests.length + 1}`);
      if (sub !== undefined) {
        test.subtests = sub;
        const failed = sub.tests.some((t) => !t.ok && t.directive !== 'SKIP');
        if (failed && test.ok) fail('parent test is ok although a subtest failed');
        const named = sub.header.find((h) => h.startsWith('Subtest: '));
        if (named !== undefined && named.slice('Subtest: '.length) !== test.name) {
          fail(`"# ${named}" does not match the result name "${test.name}"`);
        }
      }
      block.tests.push(test);
      pending = [];
      sub = undefined;
      i++;
    }
    if (sub !== undefined) fail('nested block without a result line');
    if (block.tests.length !== block.plan) fail(`plan says ${block.plan} tests, found ${block.tests.length}`);
    block.trailing = pending;
    return block;
  };

  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) fail('empty document');
  const doc = parseBlock(0);
  if (i !== lines.length) fail('lines after the end of the top-level block');
  return doc;
}

/** kselftest's counters, as in `# Totals: pass:N fail:N xfail:N xpass:N skip:N error:N`. */
export type KtapTotals = Totals;

const TOTALS = /^Totals: pass:(\d+) fail:(\d+) xfail:(\d+) xpass:(\d+) skip:(\d+) error:(\d+)$/;

/** The `# Totals:` line among the trailing diagnostics of `doc` (there must be exactly one). */
export function ktapTotals(doc: KtapBlock): KtapTotals {
  const found = doc.trailing.map((l) => TOTALS.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  if (found.length !== 1) throw new Error(`expected one "# Totals:" line after the last result, found ${found.length}`);
  const [pass, fail, xfail, xpass, skip, error] = (found[0] as RegExpExecArray).slice(1).map(Number) as number[];
  return { pass, fail, xfail, xpass, skip, error } as KtapTotals;
}

function failedSubtest(t: KtapTest): boolean {
  return !t.ok && t.directive !== 'SKIP';
}

/**
 * Recounts `doc` as kselftest would: every leaf test by its result (`SKIP` skip, `XFAIL` xfail,
 * `ERROR` error, data starting with `XPASS` xpass, otherwise ok pass / not ok fail); a parent
 * counts itself only where its subtests do not explain its result: an `ERROR` parent adds an
 * error, a `not ok` parent without a failed subtest adds a fail.
 */
export function countKtap(doc: KtapBlock): KtapTotals {
  const t: KtapTotals = { pass: 0, fail: 0, xfail: 0, xpass: 0, skip: 0, error: 0 };
  const visit = (test: KtapTest): void => {
    const sub = test.subtests;
    if (sub !== undefined) {
      for (const s of sub.tests) visit(s);
      if (test.directive === 'ERROR') t.error++;
      else if (!test.ok && !sub.tests.some(failedSubtest)) t.fail++;
      return;
    }
    if (test.directive === 'SKIP') t.skip++;
    else if (test.directive === 'XFAIL') t.xfail++;
    else if (test.directive === 'ERROR') t.error++;
    else if (test.directive === undefined && (test.directiveText ?? '').split(' ')[0] === 'XPASS') t.xpass++;
    else if (test.ok) t.pass++;
    else t.fail++;
  };
  for (const test of doc.tests) visit(test);
  return t;
}
