/**
 * `npm run stats`: the default generator's distributions, printed with fc.statistics (op kinds,
 * scenario length, schedule chunks, initial configurations), and its generation rate
 * (scenarios/s of fc.sample(scenarioArb(adapter), N)). A benchmark that prints figures.
 *   node dist/scripts/stats.js [--adapter NAME] [--runs N] [--seed S]
 * NAME is a registered adapter or a bug corpus adapter (default generic-v6.14).
 */
import fc from 'fast-check';
import { ADAPTERS } from '../arch';
import { BUGS } from '../fixtures/bugs';
import { runScenario } from '../src/engine/runner';
import { scenarioArb, type Scenario } from '../src/engine/scenario';
import { geometryOf } from '../src/engine/geometry';
import { TAIL_STEPS as TAIL } from '../src/engine/schedule';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
}

const name = arg('--adapter', 'generic-v6.14');
const numRuns = Number(arg('--runs', '10000'));
const seed = Number(arg('--seed', '1'));
const adapter = [...ADAPTERS, ...BUGS.map((b) => b.adapter)].find((a) => a.name === name);
if (!adapter) {
  process.stderr.write(`stats: unknown adapter ${name}\n`);
  process.exit(2);
}
const arb = scenarioArb(adapter);

function stat(title: string, classify: (sc: Scenario) => string | string[]): void {
  console.log(`\n${title}`);
  fc.statistics(arb, classify, { numRuns, seed, logger: (l) => console.log(`  ${l}`) });
}

/** Buckets for a count. */
function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return n === e || e === 0 ? `${e}` : `<= ${e}`;
  return `> ${edges[edges.length - 1]}`;
}

/** The drawn chunks of a schedule, without the tail chunks. */
function drawn(sc: Scenario): Scenario['schedule'] {
  let end = sc.schedule.length;
  while (end > 0 && sc.schedule[end - 1]!.n === TAIL) end--;
  return sc.schedule.slice(0, end);
}

/** The shape of a placed schedule (src/engine/schedule.ts), read back from its chunks. */
function shape(sc: Scenario): string {
  const s = sc.schedule;
  const rcu = sc.programs.length;
  const tail = (i: number): boolean => s[i]?.n === TAIL;
  if (s[3]?.a === rcu && tail(3) && tail(2) && s[2]!.a === s[0]!.a) return 'nested removers, grace period before the second resumes';
  if (s[1]?.a === rcu && tail(1) && s[0]!.a < rcu) return 'stopped at a queue point, grace period next';
  if (s.length > 2 && tail(s.length - 1) && s[s.length - 1]!.a === s[0]!.a && tail(1)) return 'lock holder preempted';
  return s[0] === undefined ? '(empty)' : 'drawn chunks (one preemption mostly)';
}

/** Scenarios per second of fc.sample(scenarioArb(adapter), n), best of three (after a warm-up). */
function generationRate(n: number): number {
  fc.sample(arb, { seed, numRuns: Math.min(n, 1000) });
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    fc.sample(arb, { seed: seed + r, numRuns: n });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return n / (best / 1000);
}

console.log(`ptconform stats: adapter ${adapter.name}, ${numRuns} scenarios, seed ${seed}, node ${process.version}`);
console.log(`generation: ${generationRate(numRuns).toFixed(0)} scenarios/s (fc.sample of scenarioArb, best of 3)`);

// Op kinds: each scenario counts once for every kind it has (fc.statistics with several labels).
stat('op kinds present in a scenario', (sc) => {
  const ks = [...new Set(sc.programs.flat().map((o) => (o.k === 'collapse' && o.madvise ? 'collapse (MADV_COLLAPSE)' : o.k)))];
  return ks.length ? ks : ['(no op)'];
});
stat('distinct op kinds in a scenario', (sc) => `${new Set(sc.programs.flat().map((o) => o.k)).size}`);
stat('first op of the first preempted CPU', (sc) => {
  const c = drawn(sc)[0];
  return c === undefined ? '(no drawn chunk)' : c.a >= sc.programs.length ? '(rcu)' : sc.programs[c.a]?.[0]?.k ?? '(idle cpu)';
});
// The drawn world: pmd slots, PTEs per table, CPUs, powerpc PTE_FRAG_NR (geometry.ts).
stat('pmd slots', (sc) => `${geometryOf(sc).slots}`);
stat('PTEs per table', (sc) => `${geometryOf(sc).ptes}`);
stat('CPUs', (sc) => `${geometryOf(sc).cpus}`);
stat('PTE tables per page (PTE_FRAG_NR, drawn on powerpc)', (sc) => `${sc.frags ?? 'as declared'}`);
// Scenario length: ops, busy CPUs, and the steps a run of it takes on this adapter.
stat('ops in a scenario', (sc) => bucket(sc.programs.flat().length, [0, 1, 2, 3, 4, 6]));
stat('CPUs with a program', (sc) => `${sc.programs.filter((p) => p.length > 0).length}`);
stat('atomic steps of a run on this adapter', (sc) => bucket(runScenario(adapter, sc).steps, [10, 20, 30, 40, 60, 100]));
// Schedule chunks.
stat('drawn schedule chunks (preemptions)', (sc) => bucket(drawn(sc).length, [0, 1, 2, 3, 5, 10]));
stat('first chunk length (steps)', (sc) => (drawn(sc)[0] ? bucket(drawn(sc)[0]!.n, [1, 2, 3, 4, 5, 6, 8, 12, 20]) : '(none)'));
stat('schedule shape', shape);
stat('tail chunks (other CPUs run to completion)', (sc) => `${sc.schedule.length - drawn(sc).length}`);
// Configurations: ops aimed at one slot, initial tables and VMAs, caches, injected failures.
stat('ops on the same slot', (sc) => {
  const slots = sc.programs.flat().map((o) => ('slot' in o ? o.slot : -1)).filter((s) => s >= 0);
  return slots.length < 2 ? '(fewer than 2 slot ops)' : new Set(slots).size === 1 ? 'all on one slot' : 'several slots';
});
stat('initial PTEs of slot 0', (sc) => {
  const s = sc.slots[0]!;
  if (!s.table) return 'no table';
  return new Set(s.ptes).size === 1 ? `all ${s.ptes[0]}` : 'mixed';
});
stat('VMA of slot 0', (sc) => `${sc.slots[0]!.vma}${sc.slots[0]!.vma === 'file' ? (sc.slots[0]!.shared ? ' shared' : ' private') : ''} uffd=${sc.slots[0]!.uffd}`);
stat('file kind', (sc) => sc.fileKind);
stat('TLB / paging-structure caches', (sc) => (sc.warm ? 'warm' : 'cold'));
stat('split ptlocks', (sc) => (sc.splitPtl ? `split${sc.allocSplitPtl ? ' (allocated)' : ''}` : 'mm-wide'));
stat('table-batch allocation failures', (sc) => (sc.batchAllocFail === 0 ? 'never' : sc.batchAllocFail === 1 ? 'first' : sc.batchAllocFail === 0xf ? 'every' : `mask ${sc.batchAllocFail}`));
stat('ptlock allocation failures', (sc) => (sc.ptlockAllocFail === 0 ? 'never' : `mask ${sc.ptlockAllocFail}`));
