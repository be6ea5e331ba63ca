// Dev tool (issue 3 adapters): checkAdapter with every property for several seeds.
// usage: arch3-check.ts RUNS SEEDS MODULE...
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
const [runs, seeds, ...mods] = process.argv.slice(2);
for (const n of mods) {
  const adapter = (require(n) as { default: Adapter }).default;
  const t0 = Date.now();
  const per: string[] = [];
  let ok = true;
  for (let s = 1; s <= Number(seeds); s++) {
    const { result } = checkAdapter(adapter, PROPERTIES, { runs: Number(runs), seed: s, adapterRef: n });
    const fails = result.contracts.filter((c) => c.verdict === 'fail').map((c) => `${c.id}@${c.runsToFailure}`);
    if (!result.asExpected) ok = false;
    per.push(`s${s}:${result.verdict}${fails.length ? `[${fails.join(',')}]` : ''}${result.asExpected ? '' : '!'}${result.error ? ` ERR ${result.error}` : ''}`);
  }
  console.log(`${adapter.name} runs=${runs} seeds=1..${seeds} ${ok ? 'ALL-AS-EXPECTED' : 'UNEXPECTED'} ${Date.now() - t0}ms ${per.join(' ')}`);
}
