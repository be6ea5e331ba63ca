// Runs to first failure (all contracts) for each fixture and seed; a dev tool for tuning the generator.
import fc from 'fast-check';
import { BROKEN } from '../fixtures';
import { scenarioArb } from '../src/engine/scenario';
import { runScenario } from '../src/engine/runner';
const seeds = [1, 2, 3, 4, 5];
for (const { adapter } of BROKEN) {
  const out: string[] = [];
  let tms = 0;
  for (const seed of seeds) {
    const t0 = Date.now();
    let n = 0;
    const res = fc.check(fc.property(scenarioArb(adapter), (sc) => { n++; return runScenario(adapter, sc).violation === null; }), { seed, numRuns: 5000, endOnFailure: true });
    tms += Date.now() - t0;
    out.push(res.failed ? `${n}${adapter.knownBad?.contracts.includes(runScenario(adapter, res.counterexample![0]).violation!.contract) ? '' : '!'}` : '-');
  }
  console.log(`${adapter.name.padEnd(40)} ${out.join(' ').padEnd(30)} ${tms}ms`);
}
