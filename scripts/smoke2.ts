import fc from 'fast-check';
import { scenarioArb } from '../src/engine/scenario';
import { runScenario } from '../src/engine/runner';
import type { Adapter } from '../src/adapter/types';
const names = process.argv.slice(2);
for (const n of names) {
  const adapter = (require(n) as { default: Adapter }).default;
  const t0 = Date.now();
  let runs = 0;
  const res = fc.check(fc.property(scenarioArb(adapter), (sc) => { runs++; const r = runScenario(adapter, sc); if (r.limit) throw new Error('limit ' + r.limit); return r.violation === null; }), { seed: 1, numRuns: 2000 });
  const ms = Date.now() - t0;
  if (res.failed) {
    const sc = res.counterexample![0];
    const r = runScenario(adapter, sc);
    console.log(`${adapter.name}: FAIL after ${res.numRuns} runs, ${res.numShrinks} shrinks, ${ms} ms: ${r.violation?.contract} ${r.violation?.message}`);
    if (res.errorInstance) console.log(String(res.errorInstance).slice(0,300));
    for (const t of r.trace.slice(0, r.violation ? r.violation.step + 1 : 60)) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
  } else console.log(`${adapter.name}: pass ${res.numRuns} runs ${ms} ms`);
}
