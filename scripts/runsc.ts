import type { Adapter } from '../src/adapter/types';
import { runScenario } from '../src/engine/runner';
const adapter = (require(process.argv[2]!) as { default: Adapter }).default;
const sc = JSON.parse(process.argv[3]!);
const r = runScenario(adapter, sc);
console.log(r.violation, r.limit);
for (const t of r.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
