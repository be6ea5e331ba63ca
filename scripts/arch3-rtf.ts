import fc from 'fast-check';
import type { Adapter } from '../src/adapter/types';
import { runScenario } from '../src/engine/runner';
import { scenarioArb } from '../src/engine/scenario';
const [n, contract, runs, seeds] = process.argv.slice(2);
const adapter = (require(n!) as { default: Adapter }).default;
const out: string[] = [];
for (let s = 1; s <= Number(seeds ?? 5); s++) {
  const res = fc.check(fc.property(scenarioArb(adapter), (sc) => runScenario(adapter, sc, { judge: (v) => v.contract === contract }).violation === null), { seed: s, numRuns: Number(runs ?? 300) });
  out.push(res.failed ? String(res.numRuns) : '-');
}
console.log(adapter.name, contract, out.join(' '));
