// Dev tool (issue 4): per-run probability that a generated scenario fails each corpus bug with an
// expected contract (1/N runs), and the cost per run. usage: bugs-rate.ts [RUNS=10000] [IDS...] (GEN overrides)
import fc from 'fast-check';
import { BUGS } from '../fixtures/bugs';
import { monitorsFor } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { DEFAULT_GEN, scenarioArb, type GenConfig } from '../src/engine/scenario';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const [nArg, ...ids] = process.argv.slice(2);
const N = Number(nArg ?? 10000);
const out: string[] = [];
for (const b of BUGS.filter((x) => !ids.length || ids.includes(x.id))) {
  const m = monitorsFor(b.adapter);
  let hit = 0, other = 0; let steps = 0;
  const t0 = Date.now();
  fc.check(fc.property(scenarioArb(b.adapter, gen), (sc) => {
    const r = runScenario(b.adapter, sc, { monitors: m });
    steps += r.steps;
    if (r.violation) { if (b.expected.includes(r.violation.contract)) hit++; else other++; }
    return true;
  }), { seed: 99, numRuns: N });
  const ms = (Date.now() - t0) / N;
  out.push(`${b.id}:${hit ? (N / hit).toFixed(0) : 'inf'}${other ? `(!${other})` : ''}`);
  console.log(`${b.id.padEnd(6)} 1/${hit ? (N / hit).toFixed(0) : 'inf'} runs  other=${other}  ${ms.toFixed(3)}ms/run  ${(steps / N).toFixed(1)} steps/run`);
}
console.log(out.join(' '));
