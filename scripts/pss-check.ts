// Dev tool (powerpc/s390/sparc adapters): checkAdapter with every property for several seeds.
// usage: pss-check.ts RUNS SEEDS MODULE...   (first seed: $SEED0, default 1)
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
const [runs, seeds, ...mods] = process.argv.slice(2);
const seed0 = Number(process.env.SEED0 ?? 1);
for (const n of mods) {
  const adapter = (require(n) as { default: Adapter }).default;
  const t0 = Date.now();
  const per: string[] = [];
  let ok = true;
  for (let s = seed0; s < seed0 + Number(seeds); s++) {
    const { result } = checkAdapter(adapter, PROPERTIES, { runs: Number(runs), seed: s, adapterRef: n });
    const fails = result.contracts.filter((c) => c.verdict === 'fail').map((c) => `${c.id}@${c.runsToFailure}`);
    if (!result.asExpected) ok = false;
    per.push(`s${s}:${result.verdict}${fails.length ? `[${fails.join(',')}]` : ''}${result.asExpected ? '' : '!'}${result.error ? ` ERR ${result.error}` : ''}`);
  }
  console.log(`${adapter.name} runs=${runs} seeds=${seed0}..${seed0 + Number(seeds) - 1} ${ok ? 'ALL-AS-EXPECTED' : 'UNEXPECTED'} ${Date.now() - t0}ms ${per.join(' ')}`);
}
