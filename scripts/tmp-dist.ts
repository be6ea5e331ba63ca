import fc from 'fast-check';
import { BUGS } from '../fixtures/bugs';
import { DEFAULT_GEN, scenarioArb, type GenConfig } from '../src/engine/scenario';
const gen: GenConfig = { ...DEFAULT_GEN, ...(process.env.GEN ? JSON.parse(process.env.GEN) as Partial<GenConfig> : {}) };
const bug = BUGS.find((b) => b.id === (process.argv[2] ?? 'B21'))!;
const N = 20000;
const scs = fc.sample(scenarioArb(bug.adapter, gen), { seed: 11, numRuns: N });
let both = 0, diff = 0, state = 0, sched = 0;
for (const sc of scs) {
  const where = (k: string) => sc.programs.findIndex((p) => p.some((o) => o.k === k));
  const K = where('khugepaged'), U = sc.programs.findIndex((p) => p.some((o) => o.k === 'uffd_copy'));
  if (K < 0 || U < 0) continue;
  both++;
  if (K === U) continue;
  diff++;
  const uop = sc.programs[U]!.find((o) => o.k === 'uffd_copy') as { slot: number };
  const s = sc.slots[uop.slot]!;
  if (!(s.vma === 'file' && s.uffd === 'missing' && s.table && (sc.fileKind === 'shmem' || !sc.slots.some((x) => x.vma === 'file' && x.shared)))) continue;
  state++;
  const c = sc.schedule[0];
  if (c && c.a === K && c.n >= 3 && c.n <= 5) sched++;
}
console.log({ N, both: both / N, diffCpu: diff / N, state: state / N, sched: sched / N });
