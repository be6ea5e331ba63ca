// Dev tool (issue 4): correct adapters must never fail. Runs every registered adapter that is not
// known-bad (or the given module) with the default generator (or GEN) over seeds x runs, judged
// on every contract with every applicable monitor; prints each failure's shrunk trace.
// usage: fp-hunt.ts SEEDS RUNS [MODULE...]
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import type { Adapter } from '../src/adapter/types';
import { monitorsFor } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { DEFAULT_GEN, scenarioArb, type GenConfig } from '../src/engine/scenario';
import { counterexampleOf } from '../src/engine/timeline';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const [seeds, runs, ...mods] = process.argv.slice(2);
const load = (m: string): Adapter => { const x = require(m) as { default: Adapter & { adapter?: Adapter }; adapter?: Adapter }; return x.default.adapter ?? x.adapter ?? x.default; };
const adapters: Adapter[] = mods.length ? mods.map(load) : ADAPTERS.filter((a) => !a.knownBad);
let bad = 0;
for (const a of adapters) {
  const monitors = monitorsFor(a);
  const t0 = Date.now();
  const res: string[] = [];
  for (let s = 1; s <= Number(seeds); s++) {
    const d = fc.check(fc.property(scenarioArb(a, gen), (sc) => runScenario(a, sc, { monitors }).violation === null), { seed: s, numRuns: Number(runs) });
    if (!d.failed) { res.push('ok'); continue; }
    bad++;
    const sc = d.counterexample![0];
    const r = runScenario(a, sc, { monitors });
    res.push(`FAIL(${r.violation?.contract})`);
    console.log(`\n=== ${a.name} seed ${s}: ${r.violation?.contract} ${r.violation?.message}\n${JSON.stringify(sc)}`);
    if (process.env.TRACE) for (const t of counterexampleOf(r, 0, '', '').steps) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
  }
  console.log(`${a.name.padEnd(34)} ${res.join(' ')} ${Date.now() - t0}ms`);
}
console.log(bad ? `${bad} FAILURES` : 'no failures');
