/**
 * `npm run bench`: model throughput, end to end, per registered adapter and overall.
 *
 * - generation: fast-check draws `--runs` scenarios from the default arbitrary
 *   `scenarioArb(adapter)` (seed printed);
 * - execution: each scenario runs once, judged on every contract with every applicable
 *   arch-property monitor attached (as `ptconform bugs` and the soak do);
 * - end to end: both together, so scenarios/s and steps/s include the generator's cost;
 * - shrinking: a few bugs of the corpus (`fixtures/bugs`) are found with the default generator
 *   and shrunk (fast-check, then the scenario-aware pass), timing the search and the shrink.
 *
 * Everything is timed after an untimed warm-up (JIT). A benchmark prints figures; nothing here
 * asserts a time. Timings on a shared machine are noisy: compare runs made back to back.
 *   node dist/scripts/bench.js [--runs N] [--seed S] [--adapter NAME]... [--bug ID|none]... [--bug-runs N]
 */
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import { BUGS } from '../fixtures/bugs';
import { monitorsFor, runBug, warmUp } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { scenarioArb } from '../src/engine/scenario';
import { parseFlags, usageError } from './args';

/** Corpus bugs shrunk by default: each found within a few hundred runs, on four different arches. */
const DEFAULT_BUGS = ['B1', 'B4', 'B21', 'B30'];
const WARM_UP_RUNS = 100;

const SCRIPT = 'bench';
const flags = parseFlags(SCRIPT, process.argv.slice(2), { runs: 'int', seed: 'int', adapter: 'list', bug: 'list', 'bug-runs': 'int' });
const runs = (flags.runs as number | undefined) ?? 2000;
const seed = (flags.seed as number | undefined) ?? 1;
const bugRuns = (flags['bug-runs'] as number | undefined) ?? 20000;
if (runs < 1) usageError(SCRIPT, '--runs must be at least 1');
const only = (flags.adapter as string[] | undefined) ?? [];
for (const n of only) if (!ADAPTERS.some((a) => a.name === n)) usageError(SCRIPT, `unknown adapter ${n} (see: npx ptconform list)`);
const adapters = only.length ? ADAPTERS.filter((a) => only.includes(a.name)) : ADAPTERS;
const bugIds = ((flags.bug as string[] | undefined) ?? DEFAULT_BUGS).filter((id) => id !== 'none');
for (const id of bugIds) if (!BUGS.some((b) => b.id === id)) usageError(SCRIPT, `unknown bug ${id} (ids of fixtures/bugs, or none)`);

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
/** CPU time of this process in ms (user + system, GC threads included): steadier than wall time on a shared machine. */
function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const perS = (n: number, ms: number): string => (ms > 0 ? (n / (ms / 1000)).toFixed(0) : '-');
const col = (s: string | number, w: number): string => String(s).padStart(w);

console.log(`ptconform bench: seed ${seed}, ${runs} scenarios per adapter, ${adapters.length} adapter(s), node ${process.version}`);
console.log(`timed after an untimed warm-up (${WARM_UP_RUNS} scenarios per adapter); columns by wall time; execution = runScenario with every applicable monitor; e2e = generation + execution`);
warmUp(adapters, WARM_UP_RUNS);

console.log(`${'adapter'.padEnd(36)} ${col('gen sc/s', 9)} ${col('exec sc/s', 9)} ${col('exec steps/s', 12)} ${col('e2e sc/s', 9)} ${col('e2e steps/s', 11)} ${col('steps/sc', 8)} ${col('violations', 10)}`);
let totalScenarios = 0;
let totalSteps = 0;
let totalGen = 0;
let totalExec = 0;
let cpuGen = 0;
let cpuExec = 0;
for (const a of adapters) {
  const c0 = cpu();
  const t0 = now();
  const scenarios = fc.sample(scenarioArb(a), { seed, numRuns: runs });
  const gen = now() - t0;
  const c1 = cpu();
  cpuGen += c1 - c0;
  const monitors = monitorsFor(a);
  let steps = 0;
  let violations = 0;
  let limits = 0;
  const t1 = now();
  for (const sc of scenarios) {
    const r = runScenario(a, sc, { monitors });
    steps += r.steps;
    if (r.violation) violations++;
    if (r.limit !== undefined) limits++;
  }
  const exec = now() - t1;
  cpuExec += cpu() - c1;
  totalScenarios += scenarios.length;
  totalSteps += steps;
  totalGen += gen;
  totalExec += exec;
  const n = scenarios.length;
  console.log(`${a.name.padEnd(36)} ${col(perS(n, gen), 9)} ${col(perS(n, exec), 9)} ${col(perS(steps, exec), 12)} ${col(perS(n, gen + exec), 9)} ${col(perS(steps, gen + exec), 11)} ${col((steps / n).toFixed(1), 8)} ${col(violations, 10)}${limits ? `  (${limits} model limits)` : ''}`);
}
const all = totalGen + totalExec;
console.log(`${'overall'.padEnd(36)} ${col(perS(totalScenarios, totalGen), 9)} ${col(perS(totalScenarios, totalExec), 9)} ${col(perS(totalSteps, totalExec), 12)} ${col(perS(totalScenarios, all), 9)} ${col(perS(totalSteps, all), 11)} ${col((totalSteps / totalScenarios).toFixed(1), 8)}`);
console.log(`overall by CPU time (${cpuGen.toFixed(0)} + ${cpuExec.toFixed(0)} ms): generation ${perS(totalScenarios, cpuGen)} sc/s, execution ${perS(totalScenarios, cpuExec)} sc/s and ${perS(totalSteps, cpuExec)} steps/s, end to end ${perS(totalScenarios, cpuGen + cpuExec)} sc/s and ${perS(totalSteps, cpuGen + cpuExec)} steps/s`);
console.log(`total: ${totalScenarios} scenarios, ${totalSteps} steps; generation ${totalGen.toFixed(0)} ms, execution ${totalExec.toFixed(0)} ms, end to end ${all.toFixed(0)} ms (generation ${(100 * totalGen / all).toFixed(0)}%); violations are expected for known-bad adapters only`);

if (bugIds.length) {
  console.log(`shrinking: corpus bugs found with the default generator (seed ${seed}, at most ${bugRuns} runs), then shrunk`);
  console.log(`${'bug'.padEnd(6)} ${'adapter'.padEnd(34)} ${col('runs', 6)} ${col('find ms', 8)} ${col('shrink ms', 9)} ${col('segments', 8)}  contract`);
  let shrinkMs = 0;
  for (const id of bugIds) {
    const bug = BUGS.find((b) => b.id === id)!;
    const r = runBug(bug, { seed, runs: bugRuns });
    shrinkMs += r.msToShrink ?? 0;
    console.log(`${id.padEnd(6)} ${r.adapter.padEnd(34)} ${col(r.runsToFailure ?? '-', 6)} ${col(r.msToFailure?.toFixed(0) ?? '-', 8)} ${col(r.msToShrink?.toFixed(0) ?? '-', 9)} ${col(r.length ?? '-', 8)}  ${r.reported ?? 'not found'}`);
  }
  console.log(`shrinking total: ${shrinkMs.toFixed(0)} ms for ${bugIds.length} bug(s)`);
}
