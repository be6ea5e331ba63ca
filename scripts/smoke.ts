import fc from 'fast-check';
import adapter from '../arch/generic/v6.14';
import { scenarioArb } from '../src/engine/scenario';
import { runScenario } from '../src/engine/runner';
const arb = scenarioArb(adapter);
const t0 = Date.now();
let viol = 0, limits = 0, steps = 0;
const samples = fc.sample(arb, { seed: 1, numRuns: 2000 });
const counts = new Map<string, number>();
for (const sc of samples) {
  const r = runScenario(adapter, sc);
  steps += r.steps;
  if (r.limit) { limits++; counts.set('LIMIT ' + r.limit, (counts.get('LIMIT ' + r.limit) ?? 0) + 1); }
  if (r.violation) { viol++; const k = r.violation.contract + ' ' + r.violation.message.slice(0, 100); counts.set(k, (counts.get(k) ?? 0) + 1); }
}
console.log(`runs=${samples.length} violations=${viol} limits=${limits} steps=${steps} ms=${Date.now() - t0}`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(v, k);
