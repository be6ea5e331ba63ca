/**
 * A mutation run: choose the correct registered adapters (`--adapter`, default all), enumerate
 * the mutants of the units their hooks reach in their files under `arch/` (`--arch`: those
 * under `arch/<arch>/`), type-check each mutant
 * (invalid ones are not run), check each adapter once unmutated (an adapter that is not as
 * expected unmutated cannot judge mutants), then check each mutant against every selected
 * adapter whose hooks reach the mutated unit (static reachability from the adapter's own file,
 * ./targets.ts `unitsReachedFrom`; a mutant no selected adapter runs is `not-run`, reported
 * apart), on worker threads (src/check/pool.ts), until
 * one of them is not as expected (killed). Mutants run in memory: the worker loads the adapter
 * file as `check --adapter FILE.ts` does, with source overrides (src/adapter/overrides.ts).
 */
import fs from 'fs';
import path from 'path';
import { ADAPTERS } from '../../arch';
import { compiledTwin, layout } from '../adapter/layout';
import type { SourceOverrides } from '../adapter/overrides';
import type { Adapter } from '../adapter/types';
import { runPool, type TaskOutcome } from '../check/pool';
import type { CheckTask } from '../check/task';
import { applyEdits, enumerateMutants, type Mutant, type Operator } from './enumerate';
import type { MutantOutcome } from './report';
import { adapterEntries, adapterSourceFiles, closure, importChain, importGraph, parseFiles, reachableUnits, unitsReachedFrom } from './targets';
import { MutantTypechecker } from './typecheck';

/** Options of a mutation run. */
export interface MutateOptions {
  /** Folders of `arch/` whose files to mutate; empty: all. */
  arch: string[];
  /** The correct adapters that judge mutants (and whose files are mutated); empty: all. */
  adapter: string[];
  operator: Operator[];
  runs: number;
  seed: number;
  jobs: number;
  /** At most this many mutants (in enumeration order). */
  limit?: number;
  /** Only the mutants with these IDs (empty or absent: all); e.g. to re-check survivors. */
  mutant?: string[];
  /** Called as mutants finish (done, of total) and as the phases go. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Called with each checked mutant's outcome as soon as its verdict is final. */
  onMutant?: (outcome: MutantOutcome) => void;
}

/** The adapters and mutants of a run, before anything is run. */
export interface MutationPlan {
  adapters: { adapter: Adapter; entry: string }[];
  mutants: { mutant: Mutant; abs: string; arch: string; adapters: { adapter: Adapter; entry: string; chain: string[] }[] }[];
}

/** A path relative to the package root, with `/`. */
function rel(abs: string): string {
  return path.relative(layout().pkgRoot, abs).split(path.sep).join('/');
}

/** The correct registered adapters (those `o.adapter` names, or all), with the file each loads from; unknown names throw. */
function selectAdapters(o: Pick<MutateOptions, 'adapter'>, files: readonly string[]): { adapter: Adapter; entry: string }[] {
  for (const n of o.adapter) {
    const a = ADAPTERS.find((x) => x.name === n);
    if (!a) throw new Error(`unknown adapter '${n}'; see 'ptconform list'`);
    if (a.knownBad) throw new Error(`adapter '${n}' is known-bad: only correct adapters are mutated`);
  }
  const chosen = ADAPTERS.filter((a) => !a.knownBad && (!o.adapter.length || o.adapter.includes(a.name)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entries = adapterEntries(chosen, files, (f) => require(compiledTwin(f) ?? f) as unknown);
  return chosen.filter((a) => entries.has(a)).map((a) => ({ adapter: a, entry: entries.get(a)! }));
}

/**
 * Enumerate the run's mutants (nothing is type-checked or run): those of the files under
 * `arch/<a>/` for each `o.arch` (default every folder) that the selected adapters' code
 * includes, each to be checked against every selected adapter whose hooks reach its unit
 * (none: the mutant is not run).
 */
export function planMutation(o: Pick<MutateOptions, 'arch' | 'adapter' | 'operator' | 'limit' | 'mutant'>): MutationPlan {
  const archRoot = path.join(layout().pkgRoot, 'arch');
  const folders = fs.readdirSync(archRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const a of o.arch) if (!folders.includes(a)) throw new Error(`unknown arch '${a}' (one of ${folders.join(', ')})`);
  const files = adapterSourceFiles(archRoot);
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const read = (f: string): string => texts.get(f)!;
  const graph = importGraph(files, read);
  const adapters = selectAdapters(o, files);
  const closures = new Map(adapters.map((a) => [a.adapter, closure(graph, a.entry)]));
  const archOf = (f: string): string => path.relative(archRoot, f).split(path.sep)[0]!;
  const used = files.filter((f) => adapters.some((a) => closures.get(a.adapter)!.has(f)));
  const parsed = parseFiles(used, read);
  const units = reachableUnits(used, read, parsed);
  // Which units each adapter can run (static reachability from its own file): a mutant is judged
  // only by the adapters that run its unit; one that no selected adapter runs is "not run".
  const runs = new Map(adapters.map((a) => [a.adapter, unitsReachedFrom(a.entry, [...closures.get(a.adapter)!].sort(), parsed, rel)]));
  const mutants: MutationPlan['mutants'] = [];
  for (const f of used) {
    const names = new Set((units.get(f) ?? []).map((u) => u.name));
    if (!names.size || (o.arch.length && !o.arch.includes(archOf(f)))) continue;
    const users = adapters.filter((a) => closures.get(a.adapter)!.has(f)).map((a) => ({ ...a, chain: importChain(graph, a.entry, f) }));
    for (const m of enumerateMutants(rel(f), read(f), { units: (u) => names.has(u.name) })) {
      if (o.operator.length && !o.operator.includes(m.operator)) continue;
      if (o.mutant?.length && !o.mutant.includes(m.id)) continue;
      const unit = `${m.file}#${m.unit}`;
      mutants.push({ mutant: m, abs: f, arch: archOf(f), adapters: users.filter((a) => runs.get(a.adapter)!.has(unit)) });
    }
  }
  const chosen = o.limit !== undefined ? mutants.slice(0, o.limit) : mutants;
  const judges = new Set(chosen.flatMap((m) => m.adapters.map((a) => a.adapter)));
  return { adapters: adapters.filter((a) => judges.has(a.adapter)), mutants: chosen };
}

/** Seconds a mutant's check may go without finishing a scenario (an endless loop) / in all. */
const STALL_SECONDS = 20;
const TIMEOUT_SECONDS = 600;
const MEMORY_MB = 512;

/** What one adapter said of one check: null when as expected, else the kill and what it was. */
function verdictOf(r: TaskOutcome): { kind: 'killed-contract' | 'killed-error'; what: string } | null {
  if (r.message.type === 'failed') return { kind: 'killed-error', what: r.message.message.split('\n')[0]! };
  const a = r.message.result;
  if (a.asExpected) return null;
  if (a.verdict === 'error') return { kind: 'killed-error', what: (a.error ?? 'error').split('\n')[0]! };
  return { kind: 'killed-contract', what: a.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).join(', ') };
}

/** Run `tasks` on the pool; `onOutcome` as each ends; `skip` drops tasks whose turn comes. */
async function pool(tasks: CheckTask[], jobs: number, onOutcome: (r: TaskOutcome) => void, skip?: (t: CheckTask) => boolean): Promise<void> {
  const run = runPool(tasks, { jobs, stallSeconds: STALL_SECONDS, timeoutSeconds: TIMEOUT_SECONDS, memoryMb: MEMORY_MB, ...(skip ? { skip } : {}) }, onOutcome);
  const onSigint = (): void => run.cancel();
  process.once('SIGINT', onSigint);
  try {
    await run.done;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** A check task of `entry` (loaded as a file) with `overrides`. */
function task(id: number, entry: string, o: Pick<MutateOptions, 'runs' | 'seed'>, overrides?: SourceOverrides): CheckTask {
  return {
    id, ref: entry, isPath: true, adapterRef: rel(entry), seed: o.seed, runs: o.runs, from: 0, count: o.runs,
    properties: [], contracts: [], stopAtFirst: true, ...(overrides ? { overrides } : {}),
  };
}

/**
 * Run the plan: returns each mutant's outcome (in plan order) and the adapters excluded because
 * they are not as expected unmutated.
 */
export async function runMutation(plan: MutationPlan, o: MutateOptions): Promise<{ outcomes: MutantOutcome[]; excluded: Record<string, string> }> {
  const progress = o.onProgress ?? (() => undefined);
  // 1. Unmutated: every adapter must be as expected, loaded the way its mutants will be.
  const excluded: Record<string, string> = {};
  progress(0, plan.adapters.length, 'checking the adapters unmutated');
  let sane = 0;
  await pool(plan.adapters.map((a, i) => task(i, a.entry, o)), o.jobs, (r) => {
    const v = verdictOf(r);
    if (v) excluded[plan.adapters[r.task.id]!.adapter.name] = `not as expected unmutated (${v.kind}: ${v.what})`;
    progress(++sane, plan.adapters.length, 'checking the adapters unmutated');
  });

  // 2. Type-check every mutant.
  const tc = new MutantTypechecker();
  const outcomes: MutantOutcome[] = [];
  const texts: string[] = [];
  plan.mutants.forEach((p, i) => {
    const text = applyEdits(fs.readFileSync(p.abs, 'utf8'), p.mutant.edits);
    texts.push(text);
    if (!p.adapters.length) {
      // No selected correct adapter runs its unit: reported apart, never type-checked or run.
      outcomes.push({ mutant: p.mutant, arch: p.arch, status: 'not-run', adapters: [] });
      return;
    }
    const adapters = p.adapters.filter((a) => !(a.adapter.name in excluded)).map((a) => a.adapter.name);
    const error = tc.check(p.abs, text);
    outcomes.push({ mutant: p.mutant, arch: p.arch, status: error ? 'invalid' : 'survived', adapters, ...(error ? { detail: error } : {}) });
    if (i % 20 === 0) progress(i, plan.mutants.length, 'type-checking mutants');
  });

  // 3. Check each valid mutant against its adapters until one is not as expected.
  // Round by round: every mutant's first adapter, then the second adapter of those still alive,
  // ...; so that parallel workers never spend a full check on a mutant another one is killing.
  const tasks: CheckTask[] = [];
  const owner: number[] = [];
  const pendingOf = plan.mutants.map(() => 0);
  const judges = plan.mutants.map((p, k) => (outcomes[k]!.status !== 'survived' ? [] : p.adapters.filter((a) => !(a.adapter.name in excluded))));
  for (let round = 0; judges.some((j) => j.length > round); round++) {
    plan.mutants.forEach((p, k) => {
      const a = judges[k]![round];
      if (!a) return;
      owner.push(k);
      pendingOf[k]!++;
      tasks.push(task(tasks.length, a.entry, o, { texts: { [p.abs]: texts[k]! }, fromSource: a.chain }));
    });
  }
  const runnable = pendingOf.filter((n) => n > 0).length;
  let done = 0;
  const killed = new Set<number>();
  progress(0, runnable, 'checking mutants');
  await pool(tasks, o.jobs, (r) => {
    const k = owner[r.task.id]!;
    const v = verdictOf(r);
    if (v && !killed.has(k)) {
      killed.add(k);
      const out = outcomes[k]!;
      out.status = v.kind;
      out.detail = `${path.basename(r.task.ref)}: ${v.what}`;
      done++;
      o.onMutant?.(out);
    } else if (--pendingOf[k]! === 0 && !killed.has(k)) {
      done++;
      o.onMutant?.(outcomes[k]!);
    }
    progress(done, runnable, `killed ${killed.size}`);
  }, (t) => killed.has(owner[t.id]!));
  // A mutant whose every adapter was excluded was not judged at all.
  return { outcomes: outcomes.filter((x) => x.adapters.length > 0 || x.status === 'not-run'), excluded };
}
