/**
 * `npm run bench`: model throughput per registered adapter. Generates a fixed set of scenarios
 * (seed printed), runs each once judged on every contract, and prints runs/s and steps/s.
 * A benchmark that prints figures; nothing here asserts a time.
 *   node dist/scripts/bench.js [--runs N] [--seed S] [--adapter NAME]...
 */
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import { runScenario } from '../src/engine/runner';
import { scenarioArb } from '../src/engine/scenario';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
}

const runs = Number(arg('--runs', '2000'));
const seed = Number(arg('--seed', '1'));
const only = process.argv.flatMap((a, i) => (a === '--adapter' ? [process.argv[i + 1]!] : []));
const adapters = only.length ? ADAPTERS.filter((a) => only.includes(a.name)) : ADAPTERS;

console.log(`ptconform bench: seed ${seed}, ${runs} scenarios per adapter, node ${process.version}`);
console.log(`${'adapter'.padEnd(36)} ${'runs/s'.padStart(9)} ${'steps/s'.padStart(10)} ${'steps/run'.padStart(9)} ${'violations'.padStart(10)}`);
let totalRuns = 0;
let totalMs = 0;
for (const a of adapters) {
  const scenarios = fc.sample(scenarioArb(a), { seed, numRuns: runs });
  // Warm up the JIT on a few scenarios before timing.
  for (const sc of scenarios.slice(0, 50)) runScenario(a, sc);
  let steps = 0;
  let violations = 0;
  const t0 = process.hrtime.bigint();
  for (const sc of scenarios) {
    const r = runScenario(a, sc);
    steps += r.steps;
    if (r.violation) violations++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  totalRuns += runs;
  totalMs += ms;
  console.log(`${a.name.padEnd(36)} ${(runs / (ms / 1000)).toFixed(0).padStart(9)} ${(steps / (ms / 1000)).toFixed(0).padStart(10)} ${(steps / runs).toFixed(1).padStart(9)} ${String(violations).padStart(10)}`);
}
console.log(`total: ${totalRuns} runs in ${totalMs.toFixed(0)} ms (${(totalRuns / (totalMs / 1000)).toFixed(0)} runs/s); violations counted for known-bad adapters are expected`);
