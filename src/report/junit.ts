/**
 * JUnit XML for CI systems: one `<testsuite>` per adapter, one `<testcase>` per adapter × contract.
 * Counted like every other output (outcome.ts): expected failures of known-bad adapters are
 * skipped, not failed, so `failures + errors` is 0 exactly when `ptconform check` exits 0.
 */
import { contractOutcome, isDocumented, type ContractOutcome } from '../check/expectation';
import type { AdapterResult, ContractResult, FindingResult, ResultsJson } from '../results/schema';
import { findingLabel, findingNote, findingsOf } from './findings';
import { knownBadLabel } from '../adapter/types';
import { escapeXmlAttr, escapeXmlText, oneLine } from './escape';
import { adapterOutcome } from './outcome';
import { counterexampleText } from './counterexample';
import { attributedMs, junitSeconds } from './timing';

/** Counts of one suite or of the whole document, as written in the XML attributes. */
interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function attrs(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`).join('');
}

function propertiesXml(props: [string, string][], indent: string): string[] {
  return [
    `${indent}<properties>`,
    ...props.map(([k, v]) => `${indent}  <property${attrs([['name', k], ['value', v]])} />`),
    `${indent}</properties>`,
  ];
}

/** The JUnit `name` of a contract test case: `<contract id> <summary>`. */
export function junitCaseName(contract: ContractResult): string {
  return `${contract.id} ${oneLine(contract.summary)}`;
}

/** The body of a `<failure>` or expected-failure `<skipped>`: violation, text timeline and replay command. */
function counterexampleBody(c: ContractResult): string {
  return c.counterexample === undefined ? 'no counterexample recorded' : counterexampleText(c.counterexample);
}

function fixOf(adapter: AdapterResult): string {
  return adapter.knownBad?.fix ?? 'unknown';
}

function labelOf(adapter: AdapterResult): string {
  return knownBadLabel(adapter.knownBad?.kind);
}

/** The element inside a contract's `<testcase>` (none for a pass), and how it counts. */
function resultElement(adapter: AdapterResult, c: ContractResult, outcome: ContractOutcome, counts: Counts): string | undefined {
  switch (outcome) {
    case 'pass':
      return undefined;
    case 'skip':
      counts.skipped++;
      return `<skipped${attrs([['message', 'n/a: contract does not apply to this adapter']])} />`;
    case 'xfail':
      counts.skipped++;
      return `<skipped${attrs([['message', `expected failure (${labelOf(adapter)}, fix: ${fixOf(adapter)})`]])}>${escapeXmlText(counterexampleBody(c))}</skipped>`;
    case 'xpass':
      counts.failures++;
      return `<failure${attrs([
        ['message', `unexpected pass: ${c.id} is a documented ${labelOf(adapter)} contract (fix: ${fixOf(adapter)}) but passed`],
        ['type', 'XPASS'],
      ])} />`;
    case 'fail': {
      counts.failures++;
      const v = c.counterexample?.violation;
      const message = v !== undefined ? `${v.contract}: ${v.message}` : `${c.id} failed (no counterexample recorded)`;
      return `<failure${attrs([['message', message], ['type', v?.contract ?? c.id]])}>${escapeXmlText(counterexampleBody(c))}</failure>`;
    }
  }
}

/** What the `known-bad` property of a case says, for known-bad adapters. */
function knownBadStatus(outcome: ContractOutcome): string {
  if (outcome === 'xfail') return 'documented, expected failure';
  if (outcome === 'xpass') return 'documented, unexpected pass';
  if (outcome === 'fail') return 'not documented, unexpected failure';
  return outcome === 'skip' ? 'documented, not run (n/a)' : 'not documented';
}

function renderCase(adapter: AdapterResult, c: ContractResult, ms: number, counts: Counts): string {
  counts.tests++;
  counts.ms += ms;
  const outcome = contractOutcome(adapter, c);
  const props: [string, string][] = [['contract', c.id], ['property', c.property], ['outcome', outcome]];
  if (adapter.knownBad !== undefined && (isDocumented(adapter, c.id) || outcome === 'fail')) props.push(['known-bad', knownBadStatus(outcome)]);
  const inner = resultElement(adapter, c, outcome, counts);
  return [
    `    <testcase${attrs([['classname', adapter.name], ['name', junitCaseName(c)], ['time', junitSeconds(ms)]])}>`,
    ...propertiesXml(props, '      '),
    ...(inner !== undefined ? [`      ${inner}`] : []),
    '    </testcase>',
  ].join('\n');
}

/** The extra `adapter` test case of an adapter that errored, or whose failure no contract explains. */
function adapterCase(adapter: AdapterResult, counts: Counts): string | undefined {
  const o = adapterOutcome(adapter);
  let inner: string;
  if (o.kind === 'error') {
    counts.errors++;
    const message = adapter.error ?? 'adapter error';
    const body = adapter.errorCounterexample !== undefined ? `${message}\n\n${counterexampleText(adapter.errorCounterexample)}` : message;
    inner = `<error${attrs([['message', message], ['type', 'AdapterError']])}>${escapeXmlText(body)}</error>`;
  } else if (o.unexplained) {
    counts.failures++;
    inner = `<failure${attrs([['message', 'the results say not as expected, though no contract result shows why'], ['type', 'Unexpected']])} />`;
  } else {
    return undefined;
  }
  counts.tests++;
  return [`    <testcase${attrs([['classname', adapter.name], ['name', 'adapter'], ['time', junitSeconds(0)]])}>`, `      ${inner}`, '    </testcase>'].join('\n');
}

/** The `<skipped>` test case of a known generic-mm finding the adapter's check ran into (not a failure of the adapter). */
function findingCase(adapter: AdapterResult, f: FindingResult, counts: Counts): string {
  counts.tests++;
  counts.skipped++;
  const inner = `<skipped${attrs([['message', findingNote(f)]])}>${escapeXmlText(counterexampleText(f.counterexample))}</skipped>`;
  return [`    <testcase${attrs([['classname', adapter.name], ['name', `${findingLabel(f)} ${f.title}`], ['time', junitSeconds(0)]])}>`, `      ${inner}`, '    </testcase>'].join('\n');
}

function renderSuite(adapter: AdapterResult, total: Counts): string {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const cases: string[] = [];
  const extra = adapterCase(adapter, counts);
  if (extra !== undefined) cases.push(extra);
  const ms = attributedMs(adapter);
  adapter.contracts.forEach((c, i) => cases.push(renderCase(adapter, c, ms[i] ?? 0, counts)));
  for (const f of findingsOf(adapter)) cases.push(findingCase(adapter, f, counts));
  total.tests += counts.tests;
  total.failures += counts.failures;
  total.errors += counts.errors;
  total.skipped += counts.skipped;
  total.ms += counts.ms;
  const props: [string, string][] = [
    ['arch', adapter.arch],
    ['era', adapter.era],
    ['expectation', adapter.expectation],
    ['verdict', adapter.verdict],
    ['outcome', adapterOutcome(adapter).kind],
    ['asExpected', String(adapter.asExpected)],
  ];
  if (adapter.knownBad !== undefined) {
    props.push(['knownBad.kind', adapter.knownBad.kind]);
    props.push(['knownBad.contracts', adapter.knownBad.contracts.join(',')]);
    props.push(['knownBad.fix', adapter.knownBad.fix]);
  }
  if (adapter.source !== undefined) props.push(['source', adapter.source]);
  if (findingsOf(adapter).length) props.push(['findings', findingsOf(adapter).map((f) => f.id).join(',')]);
  return [
    `  <testsuite${attrs([
      ['name', adapter.name],
      ['tests', counts.tests],
      ['failures', counts.failures],
      ['errors', counts.errors],
      ['skipped', counts.skipped],
      ['time', junitSeconds(counts.ms)],
    ])}>`,
    ...propertiesXml(props, '    '),
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/**
 * Renders `results` as JUnit XML: a `<testsuites name="ptconform">` root holding one
 * `<testsuite>` per adapter (arch, era, expectation, outcome, known-bad kind, contracts and fix as
 * `<properties>`) and one `<testcase>` per adapter × contract (`classname` = adapter name,
 * `name` = `<contract id> <summary>`), each with `<properties>` naming the contract, its
 * outcome (pass, fail, xfail, xpass, skip) and, on known-bad adapters, its known-bad status.
 * `n/a` contracts are `<skipped/>`. An expected failure (a documented known-bad contract that
 * failed) is `<skipped message="expected failure (known-bad (<kind>), fix: ...)">` with the counterexample
 * as its body: it is not a failure. An unexpected failure is `<failure message="<violation>">`
 * with the text timeline and replay command; a documented contract that passed is
 * `<failure type="XPASS">`. An adapter that errored gets one extra test case named `adapter`
 * holding an `<error>` with the scenario that ends in the error, when there is one (one whose
 * failure no contract result explains, a `<failure>`). A known generic-mm finding the check ran
 * into is one more test case, `finding F1 (<contract>, generic mm, <status>) <title>`, holding a
 * `<skipped>` with its counterexample: not the adapter's failure (suite property `findings`). The
 * tests/failures/errors/skipped attributes of every suite and of the root are the counts of what
 * is written below them; `time` is in seconds, each contract's share of its adapter's check
 * (timing.ts), so that case times add up to suite times and suite times to the root's.
 */
export function renderJunit(results: ResultsJson): string {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const suites = results.adapters.map((a) => renderSuite(a, total));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs([
      ['name', 'ptconform'],
      ['tests', total.tests],
      ['failures', total.failures],
      ['errors', total.errors],
      ['skipped', total.skipped],
      ['time', junitSeconds(total.ms)],
    ])}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
