// Dev tool: checkAdapter restricted to one property. usage: pss-prop.ts MODULE PROPERTY RUNS SEED
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { PROPERTIES } from '../properties';
const [n, pid, runs, seed] = process.argv.slice(2);
const adapter = (require(n!) as { default: Adapter }).default;
const prop = PROPERTIES.find((p) => p.id === pid)!;
const t0 = Date.now();
const { result } = checkAdapter(adapter, [prop], { runs: Number(runs), seed: Number(seed ?? 1), adapterRef: n! });
console.log(`${adapter.name} ${pid}: ${result.verdict} ${Date.now() - t0}ms`, result.contracts.map((c) => `${c.id}:${c.verdict}${c.runsToFailure ? '@' + c.runsToFailure : ''}`).join(' '), result.error ?? '');
