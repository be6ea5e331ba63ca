import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
for (const n of process.argv.slice(2)) {
  const adapter = (require(n) as { default: Adapter }).default;
  const t0 = Date.now();
  const { result } = checkAdapter(adapter, PROPERTIES, { runs: 300, seed: 1, adapterRef: n });
  const fails = result.contracts.filter((c) => c.verdict === 'fail').map((c) => `${c.id}(${c.runsToFailure} runs, len ${c.counterexample?.length})`);
  console.log(`${adapter.name}: ${result.verdict} asExpected=${result.asExpected} ${Date.now() - t0}ms fails=[${fails.join(' ')}] ${result.error ?? ''}`);
}
