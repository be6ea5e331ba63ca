import { describe, expect, test } from '@jest/globals';
import { renderJunit } from '../../src/report/junit';
import type { AdapterResult } from '../../src/results/schema';
import { cloneSample, sampleCounterexample, sampleMisdocumented, sampleResults } from './sample-results';
import { childElements, parseXml, textContent, type XmlElement } from './xml-check';

function count(el: XmlElement, attr: string): number {
  const v = el.attrs[attr];
  expect(v).toMatch(/^[0-9]+$/);
  return Number(v);
}

describe('xml-check', () => {
  test.each([
    ['<a>', 'not closed'],
    ['<a></b>', 'closes'],
    ['<a x=1/>', 'not quoted'],
    ['<a x="1" x="2"/>', 'duplicate'],
    ['<a x="<"/>', "'<'"],
    ['<a>&</a>', 'reference'],
    ['<a>&nbsp;</a>', 'unknown entity'],
    ['<a>\u0001</a>', 'not allowed'],
    ['<a/><b/>', 'after the root'],
    ['<a>]]></a>', "']]>'"],
  ])('rejects %j', (src, why) => {
    expect(() => parseXml(src)).toThrow(why);
  });

  test('decodes references and keeps structure', () => {
    const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a k="&quot;&#10;&lt;">x &amp; <b/>y</a>\n');
    expect(root.attrs['k']).toBe('"\n<');
    expect(textContent(root)).toBe('x & y');
  });
});

describe('renderJunit', () => {
  const xml = renderJunit(sampleResults);
  const root = parseXml(xml);
  const suites = childElements(root, 'testsuite');

  test('is well-formed XML with a <testsuites> root and one <testsuite> per adapter', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attrs['name'])).toEqual(sampleResults.adapters.map((a) => a.name));
  });

  test('has one <testcase> per adapter × contract, classname = adapter, name = id + summary', () => {
    const [conforming, knownBad] = suites;
    const names = childElements(conforming as XmlElement, 'testcase').map((t) => [t.attrs['classname'], t.attrs['name']]);
    expect(names).toEqual([
      ['x86-tlb-v6.13', 'C-LT-1 a table is freed only once'],
      ['x86-tlb-v6.13', 'C-LT-2 no walker sees a freed table'],
      ['x86-tlb-v6.13', 'C-DT-1 pagetable_dtor runs before the page is freed #1'],
    ]);
    expect(childElements(knownBad as XmlElement, 'testcase')).toHaveLength(3);
  });

  test('a known-bad suite names its kind in <properties>', () => {
    const knownBad = suites[1] as XmlElement;
    const props = childElements(childElements(knownBad, 'properties')[0] as XmlElement, 'property').map((p) => [p.attrs['name'], p.attrs['value']]);
    expect(props).toContainEqual(['knownBad.kind', 'historical']);
  });

  test('n/a is <skipped/>; an expected failure is <skipped> carrying the timeline, not a failure', () => {
    const [conforming, knownBad] = suites as [XmlElement, XmlElement, XmlElement];
    const skipped = childElements(conforming, 'testcase')[2] as XmlElement;
    expect(childElements(skipped).map((e) => e.name)).toEqual(['properties', 'skipped']);
    const xfail = childElements(knownBad, 'testcase')[1] as XmlElement;
    expect(childElements(xfail, 'failure')).toHaveLength(0);
    const skip = childElements(xfail, 'skipped')[0] as XmlElement;
    expect(skip.attrs['message']).toBe('expected failure (known-bad (historical), fix: commit 0123456789ab ("powerpc: defer pte fragment free"))');
    const body = textContent(skip);
    expect(body).toContain('C-LT-2: cpu0 took ptl#3 of pt@0x3000 after its RCU grace period ended & the table was freed');
    expect(body).toMatch(/^>>\s+5 \| spin_lock\(ptl#3\) <use-after-free>/m);
    expect(body).toContain('!! C-LT-2 violated at step 5');
    expect(body).toContain('replay: ptconform replay --adapter "powerpc-frag-v6.5" --contract C-LT-2');
    const props = childElements(childElements(xfail, 'properties')[0] as XmlElement, 'property').map((p) => [p.attrs['name'], p.attrs['value']]);
    expect(props).toEqual([
      ['contract', 'C-LT-2'],
      ['property', 'lifetime'],
      ['outcome', 'xfail'],
      ['known-bad', 'documented, expected failure'],
    ]);
  });

  test('an unexpected failure is <failure> with the timeline; a documented contract that passed is an XPASS <failure>', () => {
    const r = sampleMisdocumented('f');
    const cases = childElements(childElements(parseXml(renderJunit(r)), 'testsuite')[1] as XmlElement, 'testcase');
    const failure = childElements(cases[1] as XmlElement, 'failure')[0] as XmlElement;
    expect(failure.attrs['message']).toBe('C-LT-2: cpu0 took ptl#3 of pt@0x3000 after its RCU grace period ended & the table was freed');
    expect(textContent(failure)).toContain('!! C-LT-2 violated at step 5');
    const xpass = childElements(cases[2] as XmlElement, 'failure')[0] as XmlElement;
    expect(xpass.attrs).toEqual({ message: 'unexpected pass: C-DT-1 is a documented known-bad (historical) contract (fix: f) but passed', type: 'XPASS' });
  });

  test('one-pass results: the search time is shared by the contracts that ran, a failure adds its shrinking', () => {
    const r = cloneSample();
    const [conforming, knownBad] = r.adapters as [AdapterResult, AdapterResult];
    conforming.ms = 300; // C-LT-1, C-LT-2 ran, C-DT-1 n/a
    conforming.contracts = conforming.contracts.map((c) => ({ ...c, ms: 0 }));
    knownBad.ms = 412; // C-LT-2 shrank in 112 ms; 300 ms of search shared by 3
    knownBad.contracts = knownBad.contracts.map((c) => ({ ...c, ms: c.verdict === 'fail' ? 112 : 0 }));
    const suites = childElements(parseXml(renderJunit(r)), 'testsuite');
    expect(childElements(suites[0] as XmlElement, 'testcase').map((t) => t.attrs['time'])).toEqual(['0.150', '0.150', '0.000']);
    expect(childElements(suites[1] as XmlElement, 'testcase').map((t) => t.attrs['time'])).toEqual(['0.100', '0.212', '0.100']);
    expect(suites.map((s) => s.attrs['time'])).toEqual(['0.300', '0.412', '0.000']);
  });

  test('per-property results: each run shared by the contracts it decided, adding up to suite and root times', () => {
    const r = cloneSample();
    const a = r.adapters[0];
    if (a === undefined) throw new Error('fixture');
    // one run of 'lifetime' decided both C-LT-1 and C-LT-2 in 90 ms
    a.contracts = a.contracts.map((c) => (c.property === 'lifetime' ? { ...c, ms: 90 } : c));
    const parsed = parseXml(renderJunit(r));
    const suite = childElements(parsed, 'testsuite')[0] as XmlElement;
    expect(childElements(suite, 'testcase').map((t) => t.attrs['time'])).toEqual(['0.045', '0.045', '0.000']);
    expect(suite.attrs['time']).toBe('0.090');
    // known-bad suite: 38 + 112 + 12 ms, each its own run
    expect(childElements(parsed, 'testsuite')[1]?.attrs['time']).toBe('0.162');
    expect(parsed.attrs['time']).toBe('0.252');
  });

  test('an adapter error is one <testcase> with <error>, attributes escaped', () => {
    const broken = suites[2] as XmlElement;
    expect(broken.attrs['name']).toBe('./adapters/broken <"x"> & y.ts');
    const cases = childElements(broken, 'testcase');
    expect(cases).toHaveLength(1);
    const error = childElements(cases[0] as XmlElement, 'error')[0] as XmlElement;
    expect(error.attrs['message']).toBe('TypeError: pte_free_defer is not a function\n    at load (adapters/broken.ts:3:7)');
  });

  test('tests/failures/errors/skipped counts match the test cases, per suite and in total', () => {
    const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const suite of suites) {
      const cases = childElements(suite, 'testcase');
      const has = (name: string): number => cases.filter((c) => childElements(c, name).length > 0).length;
      const actual = { tests: cases.length, failures: has('failure'), errors: has('error'), skipped: has('skipped') };
      expect({
        tests: count(suite, 'tests'),
        failures: count(suite, 'failures'),
        errors: count(suite, 'errors'),
        skipped: count(suite, 'skipped'),
      }).toEqual(actual);
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += actual[k];
    }
    expect(totals).toEqual({ tests: 7, failures: 0, errors: 1, skipped: 2 });
    expect({
      tests: count(root, 'tests'),
      failures: count(root, 'failures'),
      errors: count(root, 'errors'),
      skipped: count(root, 'skipped'),
    }).toEqual(totals);
  });

  test('an adapter error carries the scenario that ends in it', () => {
    const r = cloneSample();
    (r.adapters[2] as AdapterResult).errorCounterexample = sampleCounterexample;
    const cases = childElements(childElements(parseXml(renderJunit(r)), 'testsuite')[2] as XmlElement, 'testcase');
    const body = textContent(childElements(cases[0] as XmlElement, 'error')[0] as XmlElement);
    expect(body.startsWith('TypeError: pte_free_defer is not a function')).toBe(true);
    expect(body).toContain('!! C-LT-2 violated at step 5');
  });

  test('stays well-formed with hostile text (markup, control characters, lone surrogates)', () => {
    const r = cloneSample();
    const kb = r.adapters[1];
    const cx = kb?.contracts[1]?.counterexample;
    if (kb === undefined || cx === undefined) throw new Error('fixture');
    kb.name = 'a]]>b<c>&d"e\'f\u0001g\ud800';
    cx.violation.message = '<![CDATA[ ]]> \u0000 & "';
    cx.replay = 'ptconform replay --adapter "a]]>b"';
    const parsed = parseXml(renderJunit(r));
    expect(childElements(parsed, 'testsuite')[1]?.attrs['name']).toBe('a]]>b<c>&d"e\'f\ufffdg\ufffd');
  });
});
