// Dev tool (x86 adapters): run checkAdapter (all properties, with their monitors) and print the
// shrunk counterexample trace of CONTRACT. Usage: scripts/x86-debug.ts ADAPTER_MODULE CONTRACT [RUNS] [SEED]
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
const [n, contract, runs, seed] = process.argv.slice(2);
const adapter = (require(n!) as { default: Adapter }).default;
const { failures } = checkAdapter(adapter, PROPERTIES, { runs: Number(runs ?? 300), seed: Number(seed ?? 1), adapterRef: n! });
const f = failures.find((x) => x.result.violation?.contract === contract);
if (!f) {
  console.log(`no failure of ${contract}; failed: ${failures.map((x) => x.result.violation?.contract).join(', ') || 'none'}`);
  process.exit(0);
}
console.log(JSON.stringify(f.scenario));
console.log(f.result.violation);
for (const t of f.result.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
