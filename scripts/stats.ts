// The generator's distributions, with fc.statistics: op mix, ops per CPU and per scenario,
// schedule length and chunk sizes, the initial-state boundary cases and the injected faults.
// usage: npx ts-node --transpile-only scripts/stats.ts [ADAPTER=generic-v6.14] [RUNS=10000]
// (GEN='{...}' overrides fields of DEFAULT_GEN, to compare alternatives)
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import { BUGS } from '../fixtures/bugs';
import { runScenario } from '../src/engine/runner';
import { DEFAULT_GEN, LEGACY_GEN, scenarioArb, type GenConfig, type Scenario } from '../src/engine/scenario';

const [name, runsArg] = process.argv.slice(2);
const gen: GenConfig = process.env.GEN === 'legacy' ? LEGACY_GEN : { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const all = [...ADAPTERS, ...BUGS.map((b) => b.adapter)];
const adapter = all.find((a) => a.name === (name ?? 'generic-v6.14'));
if (!adapter) throw new Error(`unknown adapter ${name}`);
const numRuns = Number(runsArg ?? 10000);
const arb = scenarioArb(adapter, gen);

function stat(title: string, classify: (sc: Scenario) => string | string[]): void {
  console.log(`\n${title}`);
  fc.statistics(arb, classify, { numRuns, seed: 1, logger: (l) => console.log(`  ${l}`) });
}

/** Buckets for a count. */
function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return n === e || e === 0 ? `${e}` : `<= ${e}`;
  return `> ${edges[edges.length - 1]}`;
}

console.log(`adapter ${adapter.name}, ${numRuns} scenarios, GEN=${JSON.stringify(gen)}`);
/** The drawn chunks of a schedule, without the tail chunks the generator appends (n = 64). */
function drawn(sc: Scenario): Scenario['schedule'] {
  let end = sc.schedule.length;
  while (end > 0 && sc.schedule[end - 1]!.n === 64) end--;
  return sc.schedule.slice(0, end);
}

// The op mix: each scenario counts once for every kind it has (fc.statistics with several labels).
stat('op kinds present in a scenario (op mix)', (sc) => {
  const ks = [...new Set(sc.programs.flat().map((o) => (o.k === 'collapse' && o.madvise ? 'collapse (MADV_COLLAPSE)' : o.k)))];
  return ks.length ? ks : ['(no op)'];
});
stat('op kind of the first op of cpu0', (sc) => sc.programs[0]?.[0]?.k ?? '(no op)');
stat('distinct op kinds in the scenario', (sc) => `${new Set(sc.programs.flat().map((o) => o.k)).size}`);
stat('ops in the scenario', (sc) => bucket(sc.programs.flat().length, [0, 1, 2, 3, 4, 6]));
stat('CPUs with a program', (sc) => `${sc.programs.filter((p) => p.length > 0).length}`);
stat('ops per CPU (cpu0)', (sc) => `${sc.programs[0]?.length ?? 0}`);
stat('drawn schedule chunks (preemptions)', (sc) => bucket(drawn(sc).length, [0, 1, 2, 3, 5, 10]));
stat('tail chunks (other CPUs run to completion)', (sc) => `${sc.schedule.length - drawn(sc).length}`);
stat('trace length of the scenario (steps, run on this adapter)', (sc) => bucket(runScenario(adapter, sc).steps, [10, 20, 30, 40, 60, 100]));
stat('first chunk size', (sc) => (sc.schedule[0] ? bucket(sc.schedule[0].n, [1, 2, 3, 4, 6, 10, 20]) : '(none)'));
stat('first chunk actor', (sc) => (sc.schedule[0] ? (sc.schedule[0].a === sc.programs.length ? 'rcu' : `cpu${sc.schedule[0].a}`) : '(none)'));
stat('ops on the same slot', (sc) => {
  const slots = sc.programs.flat().map((o) => ('slot' in o ? o.slot : -1)).filter((s) => s >= 0);
  return slots.length < 2 ? '(fewer than 2 slot ops)' : new Set(slots).size === 1 ? 'all on one slot' : 'several slots';
});
stat('initial PTEs of slot 0 (boundary cases)', (sc) => {
  const s = sc.slots[0]!;
  if (!s.table) return 'no table';
  const u = new Set(s.ptes);
  return u.size === 1 ? `all ${s.ptes[0]}` : 'mixed';
});
stat('VMA of slot 0', (sc) => `${sc.slots[0]!.vma}${sc.slots[0]!.vma === 'file' ? (sc.slots[0]!.shared ? ' shared' : ' private') : ''} uffd=${sc.slots[0]!.uffd}`);
stat('file kind', (sc) => sc.fileKind);
stat('warm TLB / paging-structure caches', (sc) => (sc.warm ? 'warm' : 'cold'));
stat('table-batch allocation failures', (sc) => (sc.batchAllocFail === 0 ? 'never' : sc.batchAllocFail === 1 ? 'first' : sc.batchAllocFail === 0xf ? 'every' : `mask ${sc.batchAllocFail}`));
stat('ptlock allocation failures', (sc) => (sc.ptlockAllocFail === 0 ? 'never' : `mask ${sc.ptlockAllocFail}`));
