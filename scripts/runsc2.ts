// Dev tool (issue 4): run one scenario against an adapter module with every applicable monitor.
import type { Adapter } from '../src/adapter/types';
import { monitorsFor } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
const adapter = (require(process.argv[2]!) as { default: Adapter }).default;
const r = runScenario(adapter, JSON.parse(process.argv[3]!), { monitors: monitorsFor(adapter) });
console.log(r.violation, r.limit ?? '');
for (const t of r.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
