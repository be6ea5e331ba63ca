// Dev tool (issue 3 adapters): shrunk counterexample for MODULE judged on CONTRACT, with the
// monitors of the properties that judge it. usage: arch3-debug.ts MODULE CONTRACT [RUNS] [SEED]
import fc from 'fast-check';
import type { Adapter } from '../src/adapter/types';
import { runScenario } from '../src/engine/runner';
import { scenarioArb } from '../src/engine/scenario';
import { PROPERTIES } from '../properties';
const [n, contract, runs, seed] = process.argv.slice(2);
const adapter = (require(n!) as { default: Adapter }).default;
const monitors = PROPERTIES.filter((p) => p.contracts.includes(contract!) && p.monitor).map((p) => p.monitor!);
const judge = (v: { contract: string }) => v.contract === contract;
const res = fc.check(fc.property(scenarioArb(adapter), (sc) => runScenario(adapter, sc, { judge, monitors }).violation === null), { seed: Number(seed ?? 1), numRuns: Number(runs ?? 300) });
if (!res.failed) { console.log('no failure'); process.exit(0); }
console.log(`failed after ${res.numRuns} runs`);
const sc = res.counterexample![0];
console.log(JSON.stringify(sc));
const r = runScenario(adapter, sc, { judge, monitors });
console.log(r.violation);
for (const t of r.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
