/**
 * JUnit XML for CI systems: one `<testsuite>` per adapter, one `<testcase>` per adapter × contract.
 */
import type { AdapterResult, ContractResult, ResultsJson } from '../results/schema';
import { escapeXmlAttr, escapeXmlText, oneLine } from './escape';
import { isExpectedFailure } from './matrix';
import { renderTimelineText } from './timeline';

/** Counts of one suite or of the whole document, as written in the XML attributes. */
interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function attrs(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`).join('');
}

/** The JUnit `name` of a contract test case: `<contract id> <summary>`. */
export function junitCaseName(contract: ContractResult): string {
  return `${contract.id} ${oneLine(contract.summary)}`;
}

/** The body of a `<failure>`: expectation note, violation, text timeline and replay command. */
function failureBody(adapter: AdapterResult, c: ContractResult): string {
  const lines: string[] = [];
  if (isExpectedFailure(adapter, c.id)) {
    lines.push(`known-bad, as expected (kernel fix: ${adapter.knownBad?.fix ?? 'unknown'})`);
  }
  const cx = c.counterexample;
  if (cx === undefined) {
    lines.push('no counterexample recorded');
  } else {
    lines.push(renderTimelineText(cx));
    lines.push('');
    lines.push(`seed ${cx.seed}, path ${cx.path}, ${cx.length} segments`);
    if (cx.file !== undefined) lines.push(`saved to ${cx.file}`);
    lines.push(`replay: ${cx.replay}`);
  }
  return lines.join('\n');
}

function renderCase(adapter: AdapterResult, c: ContractResult, counts: Counts): string {
  counts.tests++;
  counts.ms += c.ms;
  const open = `<testcase${attrs([
    ['classname', adapter.name],
    ['name', junitCaseName(c)],
    ['time', seconds(c.ms)],
  ])}`;
  switch (c.verdict) {
    case 'pass':
      return `    ${open} />`;
    case 'n/a':
      counts.skipped++;
      return `    ${open}>\n      <skipped${attrs([['message', 'n/a: contract does not apply to this adapter']])} />\n    </testcase>`;
    case 'fail': {
      counts.failures++;
      const v = c.counterexample?.violation;
      const message = v !== undefined ? `${v.contract}: ${v.message}` : `${c.id} failed (no counterexample recorded)`;
      return (
        `    ${open}>\n` +
        `      <failure${attrs([
          ['message', message],
          ['type', c.counterexample?.violation.contract ?? c.id],
        ])}>${escapeXmlText(failureBody(adapter, c))}</failure>\n` +
        '    </testcase>'
      );
    }
  }
}

function renderSuite(adapter: AdapterResult, total: Counts): string {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const cases: string[] = [];
  if (adapter.verdict === 'error') {
    counts.tests++;
    counts.errors++;
    const message = adapter.error ?? 'adapter error';
    cases.push(
      `    <testcase${attrs([
        ['classname', adapter.name],
        ['name', 'adapter'],
        ['time', seconds(0)],
      ])}>\n` +
        `      <error${attrs([
          ['message', message],
          ['type', 'AdapterError'],
        ])}>${escapeXmlText(message)}</error>\n` +
        '    </testcase>',
    );
  }
  for (const c of adapter.contracts) cases.push(renderCase(adapter, c, counts));
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
    ['asExpected', String(adapter.asExpected)],
  ];
  if (adapter.knownBad !== undefined) {
    props.push(['knownBad.contracts', adapter.knownBad.contracts.join(',')]);
    props.push(['knownBad.fix', adapter.knownBad.fix]);
  }
  if (adapter.source !== undefined) props.push(['source', adapter.source]);
  return [
    `  <testsuite${attrs([
      ['name', adapter.name],
      ['tests', counts.tests],
      ['failures', counts.failures],
      ['errors', counts.errors],
      ['skipped', counts.skipped],
      ['time', seconds(counts.ms)],
    ])}>`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property${attrs([
      ['name', k],
      ['value', v],
    ])} />`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/**
 * Renders `results` as JUnit XML: a `<testsuites name="ptconform">` root holding one
 * `<testsuite>` per adapter (with arch/era/expectation as `<properties>`) and one `<testcase>`
 * per adapter × contract (`classname` = adapter name, `name` = `<contract id> <summary>`).
 * `n/a` contracts are `<skipped/>`; failing ones carry `<failure message="<violation>">` whose
 * body is the text timeline and the replay command; an adapter whose verdict is `error` gets one
 * extra test case named `adapter` holding an `<error>`. The tests/failures/errors/skipped
 * attributes of every suite and of the root are the counts of what is written below them.
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
      ['time', seconds(total.ms)],
    ])}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
