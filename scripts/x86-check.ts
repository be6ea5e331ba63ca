// Dev tool (x86 adapters): checkAdapter with every property over several seeds.
// Usage: npx ts-node --transpile-only scripts/x86-check.ts RUNS SEEDS ADAPTER_MODULE...
//   e.g. scripts/x86-check.ts 2000 5 ../arch/x86/native-v6.5 ../arch/x86/pv-2012
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
const [runs, seeds, ...mods] = process.argv.slice(2);
for (const n of mods) {
  const adapter = (require(n) as { default: Adapter }).default;
  for (let seed = 1; seed <= Number(seeds); seed++) {
    const t0 = Date.now();
    const { result } = checkAdapter(adapter, PROPERTIES, { runs: Number(runs), seed, adapterRef: n });
    const fails = result.contracts.filter((c) => c.verdict === 'fail').map((c) => `${c.id}(${c.runsToFailure} runs, len ${c.counterexample?.length})`);
    const ran = result.contracts.filter((c) => c.verdict === 'pass').length;
    console.log(`${adapter.name} seed ${seed}: ${result.verdict} asExpected=${result.asExpected} ${Date.now() - t0}ms pass=${ran} fails=[${fails.join(' ')}] ${result.error ?? ''}`);
  }
}
