// Dev tool: find and print a shrunk counterexample for ADAPTER (module path), judged on CONTRACT (or 'any').
import fc from 'fast-check';
import type { Adapter } from '../src/adapter/types';
import { runScenario } from '../src/engine/runner';
import { scenarioArb } from '../src/engine/scenario';
const [n, contract, runs, seed] = process.argv.slice(2);
const adapter = (require(n!) as { default: Adapter }).default;
const judge = (v: { contract: string }) => contract === 'any' || v.contract === contract;
const res = fc.check(fc.property(scenarioArb(adapter), (sc) => runScenario(adapter, sc, { judge }).violation === null), { seed: Number(seed ?? 1), numRuns: Number(runs ?? 300) });
if (!res.failed) { console.log('no failure'); process.exit(0); }
const sc = res.counterexample![0];
console.log(JSON.stringify(sc));
const r = runScenario(adapter, sc, { judge });
console.log(r.violation);
for (const t of r.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
