import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
const [m, runs, seeds] = process.argv.slice(2);
const a = (require(m!) as { default: Adapter }).default;
for (let seed = 1; seed <= Number(seeds); seed++) {
  const { result } = checkAdapter(a, PROPERTIES, { runs: Number(runs), seed, adapterRef: m! });
  console.log(seed, result.contracts.filter((c) => c.verdict === 'fail').map((c) => `${c.id}(${c.runsToFailure})`).join(' '), result.asExpected);
}
