/**
 * `ptconform check`: check the chosen adapters (default: the registry) in one pass each, on
 * worker threads (`--jobs`), print a per-adapter, per-contract table and each failure's
 * counterexample timeline as each adapter completes (in order), and write the JSON / JUnit /
 * KTAP / badges outputs asked for. `--shard i/n` checks the i-th of n equal parts of every
 * adapter's scenario budget; `ptconform merge` joins the shards' JSON into one run's.
 */
import fc from 'fast-check';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { PROPERTIES } from '../../properties';
import { isPathRef, resolveAdapters, UsageError } from '../adapter/load';
import type { Adapter } from '../adapter/types';
import { applicableContracts, type Failure } from '../check/checkAdapter';
import { coverageLine } from '../check/coverage';
import { runPool, type TaskOutcome } from '../check/pool';
import { finalizeAdapterResult, mergeAll } from '../check/result';
import { shardRange, splitRange, type CheckTask } from '../check/task';
import { contractById } from '../contracts/catalog';
import { scenarioArb, type Scenario } from '../engine/scenario';
import { renderTimelineText } from '../report/timeline';
import type { AdapterResult, ResultsJson } from '../results/schema';
import { VERSION } from '../version';
import { adapterVerdict, cell, color, out, progressBar } from './output';
import { checkCheckOutputs } from './outputPaths';
import { writeOutputs, type OutputOptions } from './outputs';
import { buildResults } from './results';
import { failureKey, saveFailures } from './saveFailures';
import { findingLabel, findingNote, findingsOf } from '../report/findings';
import { closeRun } from './summary';

/** Options of `check`. */
export interface CheckCliOptions extends OutputOptions {
  adapter: string[];
  runs: number;
  seed: number;
  path?: string;
  property: string[];
  contract?: string[];
  save?: string;
  quiet?: boolean;
  /** Worker threads (default: the machine's cores). */
  jobs?: number;
  /** `i/n`: this CI shard's part of every adapter's budget. */
  shard?: string;
  /** Seconds one adapter's check may take (default 600). */
  timeout?: number;
}

/** Seconds a check may go without finishing a scenario before it is judged hung. */
const STALL_SECONDS = 20;
/** Heap of one worker (MiB). */
const WORKER_MEMORY_MB = 512;
/** Default `--timeout`. */
export const DEFAULT_TIMEOUT = 600;

/** Parse `--shard i/n`. */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 1000) throw new UsageError(`--shard takes i/n with 1 <= i <= n <= 1000, got '${s}'`);
  return { index, count };
}

/** One adapter to check: how it was named, the adapter (loaded here to validate it), or why it could not be loaded. */
interface Target {
  ref: string;
  adapter?: Adapter;
  shownRef: string;
  refused?: string;
}

/**
 * Resolve `--adapter` values: registry names, an arch (every adapter of it), or files (all
 * type-checked together, here, before any worker starts).
 */
async function resolveTargets(refs: string[]): Promise<Target[]> {
  const known = [...ADAPTERS, ...BROKEN.map((b) => b.adapter)];
  if (!refs.length) return ADAPTERS.map((a) => ({ ref: a.name, adapter: a, shownRef: a.name }));
  const byArch = (ref: string): Adapter[] => (!isPathRef(ref) && !known.some((a) => a.name === ref) ? ADAPTERS.filter((a) => a.arch === ref) : []);
  const single = refs.filter((ref) => !byArch(ref).length);
  const loaded = await resolveEach(single, known);
  const out: Target[] = [];
  for (const ref of refs) {
    const arch = byArch(ref);
    if (arch.length) {
      out.push(...arch.map((a) => ({ ref: a.name, adapter: a, shownRef: a.name })));
      continue;
    }
    const r = loaded[single.indexOf(ref)]!;
    if ('refused' in r) out.push({ ref: path.resolve(ref), shownRef: ref, refused: r.refused });
    else out.push({ ref: isPathRef(ref) ? path.resolve(ref) : r.adapter.name, adapter: r.adapter, shownRef: isPathRef(ref) ? ref : r.adapter.name });
  }
  return out;
}

/**
 * Load `refs` (type-checked together). Alone, an adapter file that does not compile is a usage
 * error (one line, exit 2); among several, it is that adapter's error and the others are checked.
 */
async function resolveEach(refs: string[], known: readonly Adapter[]): Promise<({ adapter: Adapter } | { refused: string })[]> {
  try {
    return (await resolveAdapters(refs, known)).map((adapter) => ({ adapter }));
  } catch (e) {
    if (!(e instanceof UsageError) || refs.length < 2) throw e;
  }
  const out: ({ adapter: Adapter } | { refused: string })[] = [];
  for (const ref of refs) {
    try {
      out.push({ adapter: (await resolveAdapters([ref], known))[0]! });
    } catch (e) {
      // A name that is no adapter, or a file that is not there, is still the command line's mistake.
      if (!(e instanceof UsageError) || !isPathRef(ref) || !fs.existsSync(ref)) throw e;
      out.push({ refused: e.message });
    }
  }
  return out;
}

/** The result of an adapter file that could not be loaded (it does not compile, or exports no adapter). */
function refusedResult(t: Target, why: string): AdapterResult {
  return finalizeAdapterResult({
    name: t.shownRef, arch: 'unknown', era: 'unknown', verdict: 'error', expectation: 'conforms', asExpected: false,
    source: t.shownRef, error: `not loaded: ${why}`, contracts: [],
  });
}

/** The scenario at index `i` of `seed` (regenerated, without running anything of the adapter). */
function scenarioAt(adapter: Adapter, seed: number, i: number): Scenario {
  return fc.sample(scenarioArb(adapter), { seed, path: String(i), numRuns: 1 })[0]!;
}

function printAdapter(a: AdapterResult, quiet: boolean): void {
  out(`${color.bold(a.name)}  ${a.arch} ${a.era}  ${adapterVerdict(a)}`);
  if (a.error) out(`  ${color.red('error:')} ${a.error}`);
  const byProp = new Map<string, typeof a.contracts>();
  for (const c of a.contracts) byProp.set(c.property, [...(byProp.get(c.property) ?? []), c]);
  for (const [prop, cs] of byProp) out(`  ${prop.padEnd(15)} ${cs.map((c) => cell(a, c)).join('  ')}`);
  for (const f of findingsOf(a)) out(`  ${color.yellow('finding'.padEnd(15))} ${findingNote(f)}`);
  if (a.coverage) out(color.dim(`  coverage: ${coverageLine(a.coverage)}; ${a.ms ?? 0} ms`));
  if (quiet) return;
  const shown = [
    ...a.contracts.filter((c) => c.verdict === 'fail' && c.counterexample).map((c) => ({ title: `${c.id}: ${c.summary}`, found: c.runsToFailure, cx: c.counterexample!, finding: false })),
    ...(a.errorCounterexample ? [{ title: `adapter error: ${a.error ?? ''}`, found: (a.errorIndex ?? 0) + 1, cx: a.errorCounterexample, finding: false }] : []),
  ];
  const findings = findingsOf(a).map((f) => ({ title: `${findingLabel(f)}: ${f.title}`, found: f.runsToFailure, cx: f.counterexample, finding: true }));
  for (const { title, found, cx, finding } of [...shown, ...findings]) {
    out();
    out(`  ${finding ? color.yellow('!') : color.red('✗')} ${color.bold(title)}`);
    out(`    found after ${found} scenarios; shrunk to ${cx.length} segments, ${cx.steps.length} steps`);
    for (const line of renderTimelineText(cx).split('\n')) out(`    ${line}`);
    out(`    replay: ${cx.file ? `npx ptconform replay ${cx.file}` : cx.replay}`);
  }
  out();
}

/** The result of a task whose worker failed (timed out, exited, ran out of memory, crashed, or the adapter did not load); `message` says where. */
function failedResult(t: Target, message: string, props: typeof PROPERTIES, contracts: string[] | undefined, lastIndex?: number): AdapterResult {
  const a = t.adapter!;
  return finalizeAdapterResult({
    name: a.name, arch: a.arch, era: a.era, verdict: 'error',
    expectation: a.knownBad ? 'known-bad' : 'conforms', asExpected: false, ...(a.knownBad ? { knownBad: a.knownBad } : {}),
    source: a.source,
    error: message,
    ...(lastIndex !== undefined ? { errorIndex: lastIndex } : {}),
    contracts: applicableContracts(a, props, contracts).map((c) => ({ id: c.id, property: c.property.id, summary: contractById(c.id).summary, verdict: 'n/a' as const, runs: 0, ms: 0 })),
  });
}

/** The properties `--property` selects (every property without it). */
function selectedProperties(o: CheckCliOptions): typeof PROPERTIES {
  return o.property.length ? PROPERTIES.filter((p) => o.property.includes(p.id)) : PROPERTIES;
}

/** Validate the options that do not depend on the adapters. */
function validate(o: CheckCliOptions): void {
  if (o.json === '-' && o.ktap === '-') throw new UsageError('--json - and --ktap (to stdout) cannot both write to stdout: give one of them a file');
  for (const p of o.property) if (!PROPERTIES.some((x) => x.id === p)) throw new UsageError(`unknown property '${p}' (one of ${PROPERTIES.map((x) => x.id).join(', ')})`);
  for (const c of o.contract ?? []) if (!PROPERTIES.some((p) => p.contracts.includes(c))) throw new UsageError(`unknown contract '${c}'; see 'ptconform list'`);
  // A contract outside every selected property would be dropped in silence: nothing checked, a pass.
  const selected = selectedProperties(o);
  for (const c of o.contract ?? []) {
    if (!selected.some((p) => p.contracts.includes(c))) throw new UsageError(`--contract ${c} is not checked by --property ${o.property.join(', ')} (${selected.map((p) => `${p.id}: ${p.contracts.join(' ')}`).join('; ')})`);
  }
  if (o.path !== undefined && o.shard !== undefined) throw new UsageError('--path replays one case: it cannot be combined with --shard');
}

/** Run `check`; returns the exit code. */
export async function runCheck(o: CheckCliOptions): Promise<number> {
  checkCheckOutputs(o);
  validate(o);
  const shard = o.shard !== undefined ? parseShard(o.shard) : null;
  const targets = await resolveTargets(o.adapter);
  const props = selectedProperties(o);
  const contracts = o.contract?.length ? o.contract : undefined;
  // Filters that no loaded adapter has an applicable contract for would check nothing and pass.
  const loaded = targets.filter((t) => t.adapter !== undefined);
  if ((o.property.length || contracts) && loaded.length && !loaded.some((t) => applicableContracts(t.adapter!, props, contracts).some((c) => c.applies))) {
    throw new UsageError(`no selected contract applies to ${loaded.length === 1 ? loaded[0]!.shownRef : 'any of the selected adapters'}: nothing would be checked`);
  }
  const jobs = o.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const budget = shard ? shardRange(o.runs, shard.index, shard.count) : { from: 0, count: o.runs };
  // More jobs than adapters: split each adapter's budget so that every job has work.
  const parts = o.path === undefined && targets.length < jobs ? Math.ceil(jobs / targets.length) : 1;
  const tasks: CheckTask[] = [];
  const owner: number[] = [];
  targets.forEach((t, k) => {
    if (t.refused !== undefined) return;
    for (const r of o.path !== undefined ? [{ from: 0, count: 1 }] : splitRange(budget.from, budget.count, parts)) {
      owner.push(k);
      tasks.push({
        id: tasks.length, ref: t.ref, isPath: isPathRef(t.shownRef), adapterRef: t.shownRef, seed: o.seed, runs: o.runs,
        from: r.from, count: r.count, ...(o.path !== undefined ? { path: o.path } : {}),
        properties: o.property, contracts: o.contract ?? [],
      });
    }
  });

  const machineStdout = o.json === '-' || o.ktap === '-';
  const log = machineStdout ? (l: string) => process.stderr.write(l + '\n') : out;
  if (!machineStdout) {
    out(color.dim(`ptconform ${VERSION}: seed ${o.seed}, ${o.path !== undefined ? `the one scenario at path ${o.path}` : `${o.runs} scenarios per adapter`}${shard ? ` (shard ${shard.index}/${shard.count}: ${budget.count} of them)` : ''}, ${targets.length} adapter(s), ${props.length} properties, ${Math.min(jobs, tasks.length)} job(s)`));
    out();
  }

  const pending = targets.map(() => [] as { result: AdapterResult; failures: Failure[] }[]);
  const remaining = targets.map((_, k) => owner.filter((x) => x === k).length);
  const results: (AdapterResult | undefined)[] = targets.map((t) => (t.refused !== undefined ? refusedResult(t, t.refused) : undefined));
  let printed = 0;
  const bar = progressBar(tasks.reduce((n, t) => n + t.count, 0));
  const flush = (): void => {
    while (printed < targets.length && results[printed]) {
      if (!machineStdout) printAdapter(results[printed]!, o.quiet === true);
      printed++;
    }
  };
  const onOutcome = (r: TaskOutcome): void => {
    const k = owner[r.task.id]!;
    const t = targets[k]!;
    if (r.message.type === 'done') {
      pending[k]!.push({ result: r.message.result, failures: r.message.failures });
    } else {
      const failures: Failure[] = [];
      if (r.lastIndex !== undefined) {
        failures.push({
          contract: 'error', property: 'error', contracts: [], scenario: scenarioAt(t.adapter!, o.seed, r.lastIndex),
          seed: o.seed, path: String(r.lastIndex), index: r.lastIndex, message: r.message.message,
        });
      }
      pending[k]!.push({ result: failedResult(t, r.message.message, props, contracts, r.lastIndex), failures });
    }
    if (--remaining[k]! > 0) return;
    const parts = pending[k]!;
    const merged = mergeAll(pending[k]!.map((p) => p.result));
    if (o.save) {
      const files = saveFailures(o.save, t.shownRef, t.adapter!.name, parts.flatMap((p) => p.failures));
      for (const c of merged.contracts) {
        const f = files.get(c.id);
        if (f && c.counterexample) c.counterexample.file = f;
      }
      for (const fd of merged.findings ?? []) {
        const f = files.get(failureKey({ contract: fd.contract, finding: fd.id }));
        if (f) fd.counterexample.file = f;
      }
      const ef = files.get('error');
      if (ef && merged.errorCounterexample) merged.errorCounterexample.file = ef;
    }
    results[k] = merged;
    flush();
  };

  const pool = runPool(tasks, { jobs, stallSeconds: Math.min(STALL_SECONDS, o.timeout ?? DEFAULT_TIMEOUT), timeoutSeconds: o.timeout ?? DEFAULT_TIMEOUT, memoryMb: WORKER_MEMORY_MB, onProgress: (n) => bar.update(n, '') }, onOutcome);
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    pool.cancel();
  };
  process.once('SIGINT', onSigint);
  try {
    await pool.done;
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar.stop();
  }
  const done = results.filter((r): r is AdapterResult => r !== undefined);
  flush();
  const doc: ResultsJson = { ...buildResults(VERSION, o.seed, o.runs, done), ...(shard ? { shard } : {}) };
  await writeOutputs(doc, o);
  if (interrupted) log(`interrupted: ${done.length} of ${targets.length} adapter(s) finished; the outputs hold those`);
  const code = closeRun(doc, log, targets.length - done.length);
  return interrupted ? 130 : code;
}
