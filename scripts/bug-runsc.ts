// Dev tool (issue 4): run one scenario (JSON) against a corpus bug's adapter and print the trace.
import { BUGS } from '../fixtures/bugs';
import { runBugScenario } from '../src/bugs/run';
import { counterexampleOf } from '../src/engine/timeline';
const [id, json] = process.argv.slice(2);
const bug = BUGS.find((b) => b.id === id)!;
const r = runBugScenario(bug.adapter, JSON.parse(json!));
console.log(r.violation, r.limit ?? '');
for (const t of r.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
if (r.violation) console.log('segments', counterexampleOf(r, 0, '', '').length);
