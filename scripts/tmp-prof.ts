import fc from 'fast-check';
import generic from '../arch/generic/v6.14';
import { monitorsFor } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { DEFAULT_GEN, scenarioArb, type GenConfig } from '../src/engine/scenario';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const m = monitorsFor(generic);
let tRun = 0; let n = 0; let steps = 0;
const marks: string[] = [];
const t0 = process.hrtime.bigint();
fc.check(fc.property(scenarioArb(generic, gen), (sc) => {
  const a = process.hrtime.bigint();
  const r = runScenario(generic, sc, { monitors: m });
  tRun += Number(process.hrtime.bigint() - a) / 1e6; n++; steps += r.steps;
  if (n % 500 === 0) marks.push(`${n}:${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)}ms(run ${tRun.toFixed(0)})`);
  return true;
}), { seed: 1, numRuns: 3000 });
console.log(marks.join(' '), 'avg steps', (steps / n).toFixed(1));
