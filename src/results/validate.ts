/**
 * Checking that a document is a results JSON (schema 1, src/results/schema.ts) before a report
 * is rendered from it: every field a renderer reads must be there with the right type, so a
 * malformed or foreign file is a one-line usage error rather than a crash or a broken page.
 * Unknown fields are allowed (schema 1 only ever adds fields).
 */
import type { ResultsJson } from './schema';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ADAPTER_VERDICTS = ['conforms', 'violates', 'error'];
const CONTRACT_VERDICTS = ['pass', 'fail', 'n/a'];

/**
 * The first problem that makes `doc` unusable as a {@link ResultsJson}, as a short phrase
 * naming the field (e.g. `adapters[1].contracts[0].verdict must be one of pass, fail, n/a`),
 * or null when it is a valid results document.
 */
export function resultsProblem(doc: unknown): string | null {
  const problems: string[] = [];
  const need = (cond: boolean, what: string): boolean => {
    if (!cond) problems.push(what);
    return cond;
  };
  const str = (o: Obj, k: string, at: string): boolean => need(typeof o[k] === 'string', `${at}${k} must be a string`);
  const num = (o: Obj, k: string, at: string): boolean => need(typeof o[k] === 'number' && Number.isFinite(o[k]), `${at}${k} must be a number`);
  const optStr = (o: Obj, k: string, at: string): boolean => o[k] === undefined || str(o, k, at);
  const oneOf = (o: Obj, k: string, vals: string[], at: string): boolean =>
    need(typeof o[k] === 'string' && vals.includes(o[k]), `${at}${k} must be one of ${vals.join(', ')}`);
  const strArray = (v: unknown, at: string): boolean => need(Array.isArray(v) && v.every((x) => typeof x === 'string'), `${at} must be an array of strings`);

  if (!need(isObj(doc), 'not a JSON object')) return problems[0]!;
  const d = doc as Obj;
  if (!need(d.tool === 'ptconform', "not a ptconform results file (tool is not 'ptconform')")) return problems[0]!;
  if (!need(d.schema === 1, `unsupported schema ${JSON.stringify(d.schema)} (expected 1)`)) return problems[0]!;
  str(d, 'version', '');
  num(d, 'seed', '');
  num(d, 'runs', '');
  if (need(isObj(d.summary), 'summary must be an object')) {
    const s = d.summary as Obj;
    for (const k of ['adapters', 'passed', 'failed', 'notApplicable', 'errors', 'unexpected']) num(s, k, 'summary.');
  }
  /** The problems of a counterexample at `xat` (`...counterexample.`). */
  const counterexample = (x: unknown, xat: string): void => {
    if (!isObj(x)) return void need(false, `${xat.slice(0, -1)} must be an object`);
    num(x, 'length', xat);
    num(x, 'seed', xat);
    str(x, 'path', xat);
    str(x, 'replay', xat);
    optStr(x, 'file', xat);
    strArray(x.actors, `${xat}actors`);
    if (need(isObj(x.violation), `${xat}violation must be an object`)) {
      const v = x.violation as Obj;
      str(v, 'contract', `${xat}violation.`);
      str(v, 'message', `${xat}violation.`);
      num(v, 'step', `${xat}violation.`);
    }
    if (!need(Array.isArray(x.steps), `${xat}steps must be an array`)) return;
    (x.steps as unknown[]).forEach((st, k) => {
      const sat = `${xat}steps[${k}].`;
      if (!isObj(st)) return void need(false, `${xat}steps[${k}] must be an object`);
      num(st, 'index', sat);
      str(st, 'actor', sat);
      str(st, 'op', sat);
      str(st, 'action', sat);
      strArray(st.objects, `${sat}objects`);
      if (st.violation !== undefined) need(typeof st.violation === 'boolean', `${sat}violation must be a boolean`);
    });
  };
  if (!need(Array.isArray(d.adapters), 'adapters must be an array')) return problems[0]!;
  (d.adapters as unknown[]).forEach((a, i) => {
    const at = `adapters[${i}].`;
    if (!isObj(a)) return void need(false, `adapters[${i}] must be an object`);
    str(a, 'name', at);
    str(a, 'arch', at);
    str(a, 'era', at);
    oneOf(a, 'verdict', ADAPTER_VERDICTS, at);
    oneOf(a, 'expectation', ['conforms', 'known-bad'], at);
    need(typeof a.asExpected === 'boolean', `${at}asExpected must be a boolean`);
    optStr(a, 'source', at);
    optStr(a, 'error', at);
    if (a.knownBad !== undefined && need(isObj(a.knownBad), `${at}knownBad must be an object`)) {
      const kb = a.knownBad as Obj;
      oneOf(kb, 'kind', ['historical', 'suspected', 'mutation'], `${at}knownBad.`);
      strArray(kb.contracts, `${at}knownBad.contracts`);
      str(kb, 'fix', `${at}knownBad.`);
    }
    if (!need(Array.isArray(a.contracts), `${at}contracts must be an array`)) return;
    (a.contracts as unknown[]).forEach((c, j) => {
      const cat = `${at}contracts[${j}].`;
      if (!isObj(c)) return void need(false, `${at}contracts[${j}] must be an object`);
      str(c, 'id', cat);
      str(c, 'property', cat);
      str(c, 'summary', cat);
      oneOf(c, 'verdict', CONTRACT_VERDICTS, cat);
      num(c, 'runs', cat);
      num(c, 'ms', cat);
      if (c.runsToFailure !== undefined) num(c, 'runsToFailure', cat);
      if (c.counterexample !== undefined) counterexample(c.counterexample, `${cat}counterexample.`);
    });
    if (a.findings === undefined) return;
    if (!need(Array.isArray(a.findings), `${at}findings must be an array`)) return;
    (a.findings as unknown[]).forEach((f, j) => {
      const fat = `${at}findings[${j}].`;
      if (!isObj(f)) return void need(false, `${at}findings[${j}] must be an object`);
      for (const k of ['id', 'title', 'contract', 'reference']) str(f, k, fat);
      oneOf(f, 'status', ['open', 'reported', 'fixed'], fat);
      num(f, 'runsToFailure', fat);
      num(f, 'ms', fat);
      counterexample(f.counterexample, `${fat}counterexample.`);
    });
  });
  return problems[0] ?? null;
}

/** `doc` as a {@link ResultsJson}, or throws an Error whose message is the first problem. */
export function asResultsJson(doc: unknown): ResultsJson {
  const p = resultsProblem(doc);
  if (p !== null) throw new Error(p);
  return doc as ResultsJson;
}
