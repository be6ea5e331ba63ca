/**
 * `npm run soak`: no false positives. Runs every registered adapter that is not known-bad
 * through many generated scenarios (default 100000 per adapter) judged on every contract, with
 * every applicable arch-property monitor attached, two
 * adapters at a time (one per core), and prints runs, violations and time per adapter.
 * Exit 1 if any correct adapter shows a violation (with the scenario to replay it).
 *   node dist/scripts/soak.js [--runs N] [--seed S] [--adapter NAME]... [--jobs J]
 */
import { fork } from 'child_process';
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import { runBugScenario } from '../src/bugs/run';
import { scenarioArb } from '../src/engine/scenario';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
}

interface SoakResult { name: string; runs: number; violations: number; ms: number; first?: string }

/** Soak one adapter in this process. */
function soakOne(name: string, runs: number, seed: number): SoakResult {
  const a = ADAPTERS.find((x) => x.name === name)!;
  const t0 = Date.now();
  let executed = 0;
  let first: string | undefined;
  const details = fc.check(fc.property(scenarioArb(a), (sc) => {
    executed++;
    const r = runBugScenario(a, sc);
    if (r.limit) throw new Error(`model limit: ${r.limit}`);
    return r.violation === null;
  }), { seed, numRuns: runs, endOnFailure: true });
  if (details.failed) {
    const sc = details.counterexample?.[0];
    const v = sc ? runBugScenario(a, sc).violation : null;
    first = v ? `${v.contract}: ${v.message}\n  scenario: ${JSON.stringify(sc)}` : String(details.errorInstance);
  }
  return { name, runs: executed, violations: details.failed ? 1 : 0, ms: Date.now() - t0, ...(first ? { first } : {}) };
}

if (process.argv[2] === '--child') {
  const r = soakOne(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
  process.send!(r);
  process.exit(0);
}

const runs = Number(arg('--runs', '100000'));
const seed = Number(arg('--seed', '1'));
const jobs = Number(arg('--jobs', '2'));
const only = process.argv.flatMap((a, i) => (a === '--adapter' ? [process.argv[i + 1]!] : []));
const names = ADAPTERS.filter((a) => !a.knownBad && (only.length === 0 || only.includes(a.name))).map((a) => a.name);
console.log(`ptconform soak: seed ${seed}, ${runs} runs per correct adapter, ${names.length} adapters, ${jobs} jobs`);
const results: SoakResult[] = [];
let next = 0;
const t0 = Date.now();
function launch(): void {
  if (next >= names.length) return;
  const name = names[next++]!;
  const child = fork(__filename, ['--child', name, String(runs), String(seed)]);
  child.on('message', (r: SoakResult) => {
    results.push(r);
    console.log(`${r.name.padEnd(36)} ${String(r.runs).padStart(7)} runs  ${r.violations ? 'VIOLATION' : '0 violations'}  ${(r.ms / 1000).toFixed(1)} s${r.first ? `\n  ${r.first}` : ''}`);
  });
  child.on('exit', () => {
    if (results.length === names.length) {
      const bad = results.filter((r) => r.violations);
      console.log(`total: ${results.reduce((s, r) => s + r.runs, 0)} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s wall; ${bad.length} adapter(s) with violations`);
      console.log(`${results.length - bad.length} passed, ${bad.length} failed`);
      process.exit(bad.length ? 1 : 0);
    }
    launch();
  });
}
for (let j = 0; j < jobs; j++) launch();
