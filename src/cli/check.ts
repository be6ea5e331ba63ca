/**
 * `ptconform check`: run every applicable property against the chosen adapters (default: the
 * registry), print a per-adapter, per-contract table and each failure's counterexample
 * timeline, and write the JSON / JUnit / KTAP / badges outputs asked for.
 */
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { PROPERTIES } from '../../properties';
import { resolveAdapter, UsageError, isPathRef } from '../adapter/load';
import type { Adapter } from '../adapter/types';
import { checkAdapter } from '../check/checkAdapter';
import { renderTimelineText } from '../report/timeline';
import type { AdapterResult, ResultsJson } from '../results/schema';
import { VERSION } from '../version';
import { adapterVerdict, cell, color, out, progressBar } from './output';
import { buildResults } from './results';
import { writeOutputs, type OutputOptions } from './outputs';
import { checkCheckOutputs } from './outputPaths';
import { saveFailures } from './saveFailures';

/** Options of `check`. */
export interface CheckCliOptions extends OutputOptions {
  adapter: string[];
  runs: number;
  seed: number;
  path?: string;
  property: string[];
  save?: string;
  quiet?: boolean;
}

function printAdapter(a: AdapterResult, quiet: boolean): void {
  out(`${color.bold(a.name)}  ${a.arch} ${a.era}  ${adapterVerdict(a)}`);
  if (a.error) out(`  ${color.red('error:')} ${a.error}`);
  const byProp = new Map<string, typeof a.contracts>();
  for (const c of a.contracts) byProp.set(c.property, [...(byProp.get(c.property) ?? []), c]);
  for (const [prop, cs] of byProp) {
    const runs = Math.max(...cs.map((c) => c.runs));
    const ms = cs.reduce((s, c) => s + c.ms, 0);
    out(`  ${prop.padEnd(15)} ${cs.map(cell).join('  ')}${runs ? color.dim(`   ${runs} runs ${ms} ms`) : ''}`);
  }
  if (quiet) return;
  for (const c of a.contracts) {
    if (c.verdict !== 'fail' || !c.counterexample) continue;
    const cx = c.counterexample;
    out();
    out(`  ${color.red('✗')} ${color.bold(c.id)}: ${c.summary}`);
    out(`    found after ${c.runsToFailure} runs; shrunk to ${cx.length} segments, ${cx.steps.length} steps`);
    for (const line of renderTimelineText(cx).split('\n')) out(`    ${line}`);
    out(`    replay: ${cx.file ? `npx ptconform replay ${cx.file}` : cx.replay}`);
  }
  out();
}

/** Run `check`; returns the exit code. */
export async function runCheck(o: CheckCliOptions): Promise<number> {
  checkCheckOutputs(o);
  const known = [...ADAPTERS, ...BROKEN.map((b) => b.adapter)];
  const targets = o.adapter.length
    ? o.adapter.map((ref) => ({ ref, adapter: resolveAdapter(ref, known) }))
    : ADAPTERS.map((a) => ({ ref: a.name, adapter: a }));
  if (o.json === '-' && o.ktap === '-') throw new UsageError('--json - and --ktap (to stdout) cannot both write to stdout: give one of them a file');
  // A machine document on stdout must be the only thing there: the human table is left out and
  // the closing lines go to stderr.
  const machineStdout = o.json === '-' || o.ktap === '-';
  for (const p of o.property) if (!PROPERTIES.some((x) => x.id === p)) throw new UsageError(`unknown property '${p}' (one of ${PROPERTIES.map((x) => x.id).join(', ')})`);
  if (o.path !== undefined && o.property.length !== 1) throw new UsageError('--path replays one property: give exactly one --property');
  const props = o.property.length ? PROPERTIES.filter((p) => o.property.includes(p.id)) : PROPERTIES;
  // One bar unit per property that runs (applies, with at least one applicable contract); a
  // property re-run after a failure, or one that does not apply, adds nothing.
  const runsOn = (a: Adapter): number => props.filter((p) => p.appliesTo(a) && p.contracts.some((id) => p.contractApplies?.(a, id) ?? true)).length;
  const bar = progressBar(targets.reduce((n, t) => n + runsOn(t.adapter), 0));
  let done = 0;
  const results: AdapterResult[] = [];
  for (const { ref, adapter } of targets) {
    const shownRef = isPathRef(ref) ? ref : adapter.name;
    const seen = new Set<string>();
    let result: AdapterResult;
    try {
      const r = checkAdapter(adapter, props, {
        runs: o.runs, seed: o.seed, adapterRef: shownRef, ...(o.path !== undefined ? { path: o.path } : {}),
        onProgress: (_a, p) => {
          if (!seen.has(p)) bar.update(done + seen.add(p).size, `${adapter.name} ${p}`);
        },
      });
      result = r.result;
      if (o.save) {
        const files = saveFailures(o.save, shownRef, adapter, r.failures);
        for (const c of result.contracts) {
          const f = files.get(c.id);
          if (f && c.counterexample) c.counterexample.file = f;
        }
      }
    } catch (e) {
      result = {
        name: adapter.name, arch: adapter.arch, era: adapter.era, verdict: 'error',
        expectation: adapter.knownBad ? 'known-bad' : 'conforms', asExpected: false, source: adapter.source,
        error: `adapter threw: ${(e as Error).message.split('\n')[0]}`, contracts: [],
      };
    }
    results.push(result);
    done += runsOn(adapter);
    bar.update(done, adapter.name);
  }
  bar.stop();
  const doc: ResultsJson = buildResults(VERSION, o.seed, o.runs, results);
  if (!machineStdout) {
    out(color.dim(`ptconform ${VERSION}: seed ${o.seed}, ${o.runs} runs per property, ${targets.length} adapter(s), ${props.length} properties`));
    out();
    for (const r of results) printAdapter(r, o.quiet === true);
  }
  await writeOutputs(doc, o);
  const s = doc.summary;
  const unexpected = results.filter((r) => !r.asExpected && r.verdict !== 'error').length;
  const errors = results.filter((r) => r.verdict === 'error').length;
  const asExpected = results.length - unexpected - errors;
  const log = machineStdout ? (l: string) => process.stderr.write(l + '\n') : out;
  log(`${results.length} adapter(s): ${asExpected} as expected, ${unexpected} unexpected, ${errors} error(s); contract cells: ${s.passed} pass, ${s.failed} fail, ${s.notApplicable} n/a`);
  log(`${asExpected} passed, ${unexpected + errors} failed`);
  return errors ? 2 : unexpected ? 1 : 0;
}
