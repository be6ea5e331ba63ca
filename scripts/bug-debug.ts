// Dev tool (issue 4): shrunk counterexample of one corpus bug. usage: bug-debug.ts ID [SEED] [RUNS]
import { BUGS } from '../fixtures/bugs';
import { runBug, runBugScenario } from '../src/bugs/run';
import { DEFAULT_GEN, type GenConfig } from '../src/engine/scenario';
import { counterexampleOf } from '../src/engine/timeline';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const [id, seed, runs] = process.argv.slice(2);
const bug = BUGS.find((b) => b.id === id)!;
const r = runBug(bug, { seed: Number(seed ?? 1), runs: Number(runs ?? 20000), gen });
console.log(`${bug.id} caught=${r.caught} runs=${r.runsToFailure} first=${r.firstReported} reported=${r.reported} len=${r.length} ms=${r.msToFailure?.toFixed(1)}+${r.msToShrink?.toFixed(1)}`);
if (r.scenario) {
  console.log(JSON.stringify(r.scenario));
  const rr = runBugScenario(bug.adapter, r.scenario);
  console.log(rr.violation);
  const cx = counterexampleOf(rr, 0, '', '');
  for (const t of cx.steps) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
}
