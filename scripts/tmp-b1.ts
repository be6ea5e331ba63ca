import { BUGS } from '../fixtures/bugs';
import { runBug, warmUp } from '../src/bugs/run';
import { DEFAULT_GEN, type GenConfig } from '../src/engine/scenario';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
warmUp(BUGS.map((b) => b.adapter), 100, gen);
for (const id of ['B1', 'B35', 'B1', 'B35', 'B13', 'B1']) {
  const b = BUGS.find((x) => x.id === id)!;
  const t0 = Date.now();
  let runs = 0;
  for (const s of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const r = runBug(b, { seed: s, runs: 8000, shrink: false, gen });
    runs += r.runsToFailure ?? 8000;
  }
  console.log(id, runs, 'runs', Date.now() - t0, 'ms', ((Date.now() - t0) / runs).toFixed(3), 'ms/run');
}
