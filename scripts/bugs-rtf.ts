// Dev tool (issue 4): runs and ms to first failure of every corpus bug over several seeds, with
// the reported contract ('!' = not an expected one), and an estimate of the mean runs and ms to
// the first failure (total runs or ms over all seeds / failures found; a miss counts its budget).
// usage: bugs-rtf.ts [SEEDS=5] [RUNS=20000] [shrink=0|1] [IDS...]   (GEN='{...}' overrides DEFAULT_GEN)
import { BUGS } from '../fixtures/bugs';
import { median, runBug, warmUp } from '../src/bugs/run';
import { DEFAULT_GEN, LEGACY_GEN, type GenConfig } from '../src/engine/scenario';
const gen: GenConfig = process.env.GEN === 'legacy' ? LEGACY_GEN : { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const [seedsArg, runsArg, shrinkArg, ...ids] = process.argv.slice(2);
const seeds = Number(seedsArg ?? 5);
const runs = Number(runsArg ?? 20000);
const shrink = shrinkArg === '1';
const bugs = BUGS.filter((b) => !ids.length || ids.includes(b.id));
warmUp(bugs.map((b) => b.adapter), 100, gen);
const t = Date.now();
const est: { id: string; runs: number; ms: number }[] = [];
let missed = 0;
let wrong = 0;
for (const bug of bugs) {
  const out: string[] = [];
  let totRuns = 0;
  let totMs = 0;
  let found = 0;
  for (let s = 1; s <= seeds; s++) {
    const t0 = Date.now();
    const r = runBug(bug, { seed: s, runs, shrink, gen });
    if (!r.caught) {
      out.push('-');
      missed++;
      totRuns += runs;
      totMs += Date.now() - t0;
      continue;
    }
    found++;
    totRuns += r.runsToFailure!;
    totMs += r.msToFailure!;
    const c = shrink ? r.reported : r.firstReported;
    if (!bug.expected.includes(c!)) wrong++;
    out.push(`${r.runsToFailure}${bug.expected.includes(c!) ? '' : `!${c}`}${shrink ? `/L${r.length}` : ''}`);
  }
  const e = { id: bug.id, runs: found ? totRuns / found : Infinity, ms: found ? totMs / found : Infinity };
  est.push(e);
  console.log(`${bug.id.padEnd(5)} ${bug.adapter.name.padEnd(36)} ${out.join(' ').padEnd(50)} est ${e.runs.toFixed(0).padStart(6)} runs ${e.ms.toFixed(1).padStart(7)}ms  min=${bug.minimal}`);
}
const worst = est.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(`median est ${median(est.map((e) => e.ms))?.toFixed(1)}ms (${median(est.map((e) => e.runs))?.toFixed(0)} runs), worst ${worst.id} ${worst.ms.toFixed(0)}ms, missed ${missed}, wrong ${wrong}, total ${Date.now() - t}ms`);
console.log(`GEN=${JSON.stringify(gen)}`);
