import fc from 'fast-check';
import { BUGS } from '../fixtures/bugs';
import { monitorsFor } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { DEFAULT_GEN, scenarioArb, type GenConfig } from '../src/engine/scenario';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
for (let rep = 0; rep < 2; rep++) for (const b of BUGS) {
  const a = b.adapter; const m = monitorsFor(a);
  const scs = fc.sample(scenarioArb(a, gen), { seed: 7, numRuns: 500 });
  const t0 = Date.now(); let steps = 0;
  for (const sc of scs) steps += runScenario(a, sc, { monitors: m }).steps;
  const t1 = Date.now();
  const t2 = Date.now(); fc.sample(scenarioArb(a, gen), { seed: 8, numRuns: 500 }); const t3 = Date.now();
  if (rep) console.log(b.id.padEnd(4), a.name.padEnd(34), ((t1 - t0) / 500).toFixed(3), 'ms/run', (steps / 500).toFixed(0), 'steps', 'gen', ((t3 - t2) / 500).toFixed(3));
}
