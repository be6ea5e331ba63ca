/**
 * `npm run soak`: no false positives. Runs every registered adapter that is not known-bad
 * through many generated scenarios (default 100000 per adapter) judged on every contract, with
 * every applicable arch-property monitor attached, two
 * adapters at a time (one per core), and prints runs, violations and time per adapter. A run that
 * ends in a known generic-mm finding (src/findings/registry.ts) is listed per adapter, not counted.
 * Exit 1 if any correct adapter shows a violation (with the scenario to replay it).
 *   node dist/scripts/soak.js [--runs N] [--seed S] [--adapter NAME]... [--jobs J]
 * A bad flag is one line on stderr and exit 2.
 */
import { fork } from 'child_process';
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import { runBugScenario } from '../src/bugs/run';
import { scenarioArb } from '../src/engine/scenario';
import { parseFlags, usageError } from './args';
import { findingOf } from '../src/findings/registry';

interface SoakResult { name: string; runs: number; violations: number; ms: number; first?: string; findings?: string }

/** Soak one adapter in this process. */
function soakOne(name: string, runs: number, seed: number): SoakResult {
  const a = ADAPTERS.find((x) => x.name === name)!;
  const t0 = Date.now();
  let executed = 0;
  let first: string | undefined;
  const findings = new Map<string, number>();
  const details = fc.check(fc.property(scenarioArb(a), (sc) => {
    executed++;
    const r = runBugScenario(a, sc);
    if (r.limit) throw new Error(`model limit: ${r.limit}`);
    // A known generic-mm finding (src/findings/registry.ts) is counted apart, not as the adapter's violation.
    const f = r.violation && findingOf({ adapter: a, scenario: sc, violation: r.violation, trace: r.trace });
    if (f) findings.set(f.id, (findings.get(f.id) ?? 0) + 1);
    return r.violation === null || f !== undefined;
  }), { seed, numRuns: runs, endOnFailure: true });
  if (details.failed) {
    const sc = details.counterexample?.[0];
    const v = sc ? runBugScenario(a, sc).violation : null;
    first = v ? `${v.contract}: ${v.message}\n  scenario: ${JSON.stringify(sc)}` : String(details.errorInstance);
  }
  const found = [...findings].map(([id, n]) => `${id} in ${n} run(s)`).join(', ');
  return { name, runs: executed, violations: details.failed ? 1 : 0, ms: Date.now() - t0, ...(first ? { first } : {}), ...(found ? { findings: found } : {}) };
}

if (process.argv[2] === '--child') {
  const r = soakOne(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
  process.send!(r);
  process.exit(0);
}

const flags = parseFlags('soak', process.argv.slice(2), { runs: 'int', seed: 'int', jobs: 'int', adapter: 'list' });
const runs = (flags.runs as number | undefined) ?? 100000;
const seed = (flags.seed as number | undefined) ?? 1;
const jobs = (flags.jobs as number | undefined) ?? 2;
const only = (flags.adapter as string[] | undefined) ?? [];
if (jobs < 1) usageError('soak', '--jobs must be at least 1');
for (const n of only) if (!ADAPTERS.some((a) => a.name === n)) usageError('soak', `unknown adapter ${n} (see: npx ptconform list)`);
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
    console.log(`${r.name.padEnd(36)} ${String(r.runs).padStart(7)} runs  ${r.violations ? 'VIOLATION' : '0 violations'}  ${(r.ms / 1000).toFixed(1)} s${r.findings ? `  (known findings, not counted: ${r.findings})` : ''}${r.first ? `\n  ${r.first}` : ''}`);
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
