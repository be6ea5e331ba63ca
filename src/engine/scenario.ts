/**
 * A scenario: the initial address space, the per-run configuration, one program (list of
 * ops) per CPU, and the interleaving as data: a schedule of chunks "run actor a for n steps".
 * Everything is plain JSON, generated and shrunk by fast-check; nothing random happens inside
 * a run.
 *
 * The default generator (`DEFAULT_GEN`, one configuration for every adapter and every bug of
 * the corpus, no per-bug tuning) draws each scenario in two stages (fc.chain):
 *  1. a profile: a swarm of op kinds with roles, one or two kinds that remove page tables
 *     (MADV_DONTNEED, munmap, khugepaged, collapse, mremap) and one to four that use them, plus a focus
 *     slot and index;
 *  2. the scenario: every kind of the profile dealt once (each removable by shrinking), mostly
 *     by role (each remover first on its own CPU, the users on the CPUs left), else to random
 *     CPUs and positions, plus at most one extra op; ops aimed at the focus slot and index; an initial state with the boundary cases weighted in (tables all none, all dirty,
 *     all clean; warm TLBs and paging-structure caches; the first or every table-batch
 *     allocation failing) and made to meet what the profile's ops need to do anything (a file
 *     VMA for khugepaged, collapse and writeback, a private uffd-armed VMA for UFFDIO_*); and a
 *     schedule (schedule.ts) of mostly one preemption: a CPU whose program starts with a remover,
 *     stopped at one of its op's measured preemption points (preemption.ts: after a step that
 *     drops a lock), then every other busy CPU to completion before it resumes; or (weight
 *     `holder`) a CPU stopped holding a contended lock at one of its measured hold points while
 *     a remover runs until it blocks, the others then running in the window it left open; and
 *     (weight `twin`) one more op aimed at the focus slot's neighbour pmd, whose table is
 *     mostly absent: it shares the focus slot's pmd lock without touching its table; a first
 *     chunk stopped right after its op queued an RCU callback is followed by a grace period,
 *     and (weight `nested`) two removers are stopped one inside the other's window.
 * `npm run stats` (scripts/stats.ts) prints the distributions with fc.statistics, and
 * `ptconform bugs --seeds 1..20` the runs to each historical bug's first failure over seeds.
 */
import fc from 'fast-check';
import type { Adapter } from '../adapter/types';
import { eraAtLeast } from '../adapter/types';
import { anonCollapse, retractWithDefer, uffdPoison } from '../mm/era';
import { REMOVERS, type Op } from './ops';
import { schedulePoints, type PreemptionPoints, type SchedulePoints } from './preemption';
import { drawnScheduleArb, placeSchedule } from './schedule';
import { MAX_GATHER_BATCH, MAX_TABLE_BATCH } from '../model/gather';
import { hugetlbPmdSharing } from '../mm/hugetlb';
import { GEOMETRY_BOUNDS, geometryArb, LEGACY_GEOMETRY, type GeometryWeights, type ScenarioGeometry } from './geometry';

/**
 * The geometry of replay files written before it was drawn, and of hand-built scenarios: 2 pmd
 * slots of 2 PTEs, 3 CPUs (+ the RCU engine as actor 3). Generated scenarios draw theirs
 * (geometry.ts): the lengths of `slots`, of each slot's `ptes` and of `programs`.
 */
export const SLOTS = LEGACY_GEOMETRY.slots;
/** See {@link SLOTS}. */
export const PTES = LEGACY_GEOMETRY.ptes;
/** See {@link SLOTS}. */
export const CPUS = LEGACY_GEOMETRY.cpus;

/** Initial state of one PTE. */
export type PteInit = 'none' | 'clean' | 'dirty' | 'poison' | 'wp' | 'swap';

/** Initial state of one pmd slot and its VMA. */
export interface SlotInit {
  vma: 'anon' | 'file';
  shared: boolean;
  uffd: 'none' | 'missing' | 'wp';
  table: boolean;
  ptes: PteInit[];
}

/** One chunk of the interleaving: run actor `a` (0..cpus-1 a CPU, cpus the RCU engine) for up to `n` steps. */
export interface Chunk {
  a: number;
  n: number;
}

/** A complete, replayable run. */
export interface Scenario {
  /** Whether the file is shmem (khugepaged collapses it) or a regular file (written back). */
  fileKind: 'shmem' | 'file';
  /** One per pmd slot (1..4; 2 in older replay files), each with one initial PTE per index (1..4; 2). */
  slots: SlotInit[];
  /** Whether every CPU's TLB initially caches every present entry. */
  warm: boolean;
  splitPtl: boolean;
  allocSplitPtl: boolean;
  batchAllocFail: number;
  ptlockAllocFail: number;
  reclaim: boolean;
  /**
   * Capacities of the table batch and of each page batch (small, so that a batch fills up and
   * is flushed inside `tlb_remove_table()` / `tlb_remove_page()`). Absent in replay files
   * written before they were drawn: `DEFAULT_BATCH`.
   */
  batch?: { tables: number; pages: number };
  /** One program per CPU: its length is the number of CPUs (2..4; 3 in older replay files). */
  programs: Op[][];
  schedule: Chunk[];
  /**
   * powerpc `PTE_FRAG_NR` this run (geometry.ts `drawsFrags`). Absent (older replay files, other
   * arches): the adapter's declared `tablesPerPage`.
   */
  frags?: number;
}

/** Which op kinds an adapter's declarations and era make reachable. */
export function opKinds(adapter: Adapter): Set<Op['k']> {
  const d = adapter.declarations;
  const kinds = new Set<Op['k']>(['fault', 'walk', 'gup_fast', 'access', 'dontneed', 'munmap', 'writeback']);
  // Without HAVE_FAST_GUP (sparc32, ...) get_user_pages_fast() falls back to the locked slow path.
  if (d.HAVE_FAST_GUP === false) kinds.delete('gup_fast');
  if (d.THP && adapter.pte_free_defer && retractWithDefer(adapter.era)) {
    kinds.add('khugepaged');
    kinds.add('collapse');
  }
  // UFFDIO_COPY through mfill_atomic() with a pte_offset_map_lock() that may fail (v6.5);
  // UFFDIO_POISON from v6.6.
  if (eraAtLeast(adapter.era, 'v6.5')) kinds.add('uffd_copy');
  if (uffdPoison(adapter.era)) kinds.add('uffd_poison');
  // hugetlb PMD sharing: huge_pmd_unshare() against GUP-fast (src/mm/hugetlb.ts).
  if (hugetlbPmdSharing(adapter)) {
    kinds.add('hugetlb_unshare');
    kinds.add('hugetlb_gup_fast');
  }
  // khugepaged's anon collapse_huge_page() (deposits the old table) and the split of a huge pmd.
  if (d.THP && anonCollapse(adapter.era)) {
    kinds.add('collapse_anon');
    kinds.add('split');
  }
  // A device bound with SVA walks the mm's tables (CONFIG_IOMMU_SVA, src/model/secondary.ts).
  if (d.IOMMU_SVA) kinds.add('dma');
  // fork(): copy_page_range() into a second mm, which exits at once (src/mm/fork.ts).
  kinds.add('fork');
  // A new mapping over a slot (after munmap, or MAP_FIXED over the old VMA), and mremap moving a
  // VMA and its tables to the other slot.
  kinds.add('mmap');
  kinds.add('mremap');
  return kinds;
}

/**
 * Knobs of the generator. `DEFAULT_GEN` is the one configuration every check and the bug corpus
 * use; other values exist only for measuring alternatives (`BugRunOptions.gen`).
 */
export interface GenConfig {
  /**
   * Swarm testing with roles: each scenario draws one or more kinds that remove tables
   * (MADV_DONTNEED, munmap, khugepaged, collapse, mremap) and one or more that use them (walkers,
   * faults, gup_fast, CPU accesses, UFFDIO_*, writeback, mmap), since a page-table freeing bug is a
   * remover racing a user (or another remover). The weights of 1, 2, ... remover kinds and of
   * 1, 2, ... user kinds.
   */
  rolesCounts: [number[], number[]];
  /** Weight (against 1) of an op using the scenario's focus slot and index rather than a fresh draw. */
  focus: number;
  /** Most extra ops (beyond one per kind of the profile) in a scenario. */
  maxOps: number;
  /** Most chunks in a schedule drawn as "any number". */
  maxChunks: number;
  /** Weight of "fine" chunks (1..fineMax steps) against medium (1..12) and long (11..40) ones, as [fine, medium, long]. */
  chunkWeights: [number, number, number];
  /** Longest "fine" chunk. */
  fineMax: number;
  /**
   * Weights of schedules of 1, 2 and 3 drawn chunks and of 0..maxChunks chunks (few preemptions
   * find most races: a preemption-bounded search).
   */
  chunkCounts: [number, number, number, number];
  /**
   * Weight (against 1) of dealing the profile's kinds by role: each remover first on its own CPU
   * (consecutive CPUs from a random one), the users on the CPUs left, rather than every kind to
   * an independent random CPU and position.
   */
  dealSpread: number;
  /** Weights of the initial-state styles [mixed, all none, all dirty, all clean] of a table. */
  pteStyles: [number, number, number, number];
  /** Weights of uffd registrations [none, missing, wp]. */
  uffdWeights: [number, number, number];
  /** Whether both slots get the same VMA (a scenario-wide template) with weight `sameVma` against 1. */
  sameVma: number;
  /** Weight of a warm TLB / paging-structure cache against 1 for a cold one. */
  warm: number;
  /** Weights of the injected table-batch allocation failures [never, first allocation, every one, random]. */
  batchFail: [number, number, number, number];
  /**
   * Precondition-aware initial state: with weight `aware` (against 1) the focus slot meets what
   * the scenario's op kinds need to do anything (a file VMA for khugepaged, collapse and
   * writeback; a private uffd-MISSING VMA for UFFDIO_*; a regular file for writeback, shmem for
   * khugepaged). 0 turns it off.
   */
  aware: number;
  /** Weight of a schedule chunk run by a CPU against 1 for the RCU engine. */
  cpuChunks: number;
  /** Weight (against 1) of the first chunk preempting a CPU whose program starts with a remover. */
  preemptRemover: number;
  /** Weight (against 1) of the first chunk stopping its op at one of its preemption points rather than after a drawn count. */
  points: number;
  /**
   * Weights of the drawn world (geometry.ts), smallest size first. The geometry of before it was
   * drawn (2 slots of 2 PTEs, 3 CPUs, 4 fragments) keeps the largest weight, so the corpus's
   * runs-to-failure stay close to what they were; the other sizes appear at a measured rate
   * (`npm run stats`).
   */
  geometry: GeometryWeights;
  /** Weight (against 10) of the lock-holder schedule shape (schedule.ts) over the drawn chunks. */
  holder: number;
  /**
   * Weight (against 10) of the nested-removers schedule shape (schedule.ts: two removers each
   * stopped at a hook point, inside arch code, the second inside the first's window, a grace period before the second
   * resumes) over the drawn chunks, where two busy CPUs start with a remover.
   */
  nested: number;
  /**
   * Weight (against 1) of a twin: one more op of the profile's kinds aimed at the focus slot's
   * neighbour (the next slot, when there is one). The neighbour is a pmd of the same pmd table,
   * whose `pmd_lock()` (split PMD ptlock or `mm->page_table_lock`) is the focus slot's too:
   * threads faulting, copying or walking side by side in one mapping contend for it without
   * touching the focus slot's table. With a twin the neighbour slot meets the same needs as the
   * focus slot (precondition-aware, see `aware`). 0 turns it off.
   */
  twin: number;
  /**
   * Weights [table, no table] of the neighbour slot's initial table, drawn on its own also when
   * every slot copies one VMA (`sameVma`): one large mapping touched in places, where a fault
   * or UFFDIO_* next to the focus allocates a table and populates its pmd under `pmd_lock()`.
   * The other slots: 4 against 1.
   */
  neighbourTable: [number, number];
}

/** The default generator configuration (no per-bug tuning: one configuration for everything). */
export const DEFAULT_GEN: GenConfig = {
  rolesCounts: [[1, 2], [1, 1, 1, 1]],
  dealSpread: 3,
  maxOps: 1,
  focus: 6,
  aware: 8,
  pteStyles: [2, 1, 1, 1],
  uffdWeights: [2, 1, 1],
  sameVma: 1,
  warm: 3,
  batchFail: [2, 1, 1, 1],
  maxChunks: 10,
  chunkCounts: [60, 3, 2, 1],
  chunkWeights: [6, 2, 1],
  fineMax: 4,
  cpuChunks: 60,
  preemptRemover: 12,
  points: 12,
  geometry: { slots: [1, 8, 1, 1], ptes: [1, 8, 1, 1], cpus: [1, 8, 1], frags: [1, 1, 4] },
  holder: 4,
  nested: 3,
  twin: 3,
  neighbourTable: [1, 2],
};

/** Base weights of the op kinds (before swarm selection). */
const OP_WEIGHTS: Record<Op['k'], number> = {
  walk: 5, fault: 3, gup_fast: 3, access: 3, dontneed: 4, munmap: 3, khugepaged: 3, collapse: 2, uffd_copy: 2, uffd_poison: 1, writeback: 2, hugetlb_unshare: 2, hugetlb_gup_fast: 2,
  collapse_anon: 2, split: 2, dma: 2, fork: 2,
  mmap: 2, mremap: 2,
};

/** The fast-check arbitrary of one op of kind `k`, on `slot` / `index`. */
function opOfKind(k: Op['k'], slot: fc.Arbitrary<number>, index: fc.Arbitrary<number>, archWalk: boolean, slots: number): fc.Arbitrary<Op> {
  switch (k) {
    case 'walk': {
      const api = archWalk ? fc.constantFrom('lock' as const, 'map' as const, 'nolock' as const, 'arch' as const) : fc.constantFrom('lock' as const, 'map' as const, 'nolock' as const);
      // One in four a remote walker (another task's /proc/PID/smaps, get_user_pages_remote()):
      // a software walk only; drawn as a number that shrinks to 0, the local walker.
      return fc.record({ k: fc.constant('walk' as const), slot, index, api, remote: fc.nat({ max: 3 }) })
        .map(({ remote, ...op }): Op => (remote === 3 && op.api !== 'arch' ? { ...op, remote: true } : op));
    }
    case 'fault': return fc.record({ k: fc.constant('fault' as const), slot, index, write: fc.boolean() });
    case 'gup_fast': return fc.record({ k: fc.constant('gup_fast' as const), slot, index });
    case 'access': return fc.record({ k: fc.constant('access' as const), slot, index, write: fc.boolean() });
    case 'dontneed': return fc.record({ k: fc.constant('dontneed' as const), slot });
    case 'munmap': return fc.record({ k: fc.constant('munmap' as const), slot });
    case 'khugepaged': return fc.constant({ k: 'khugepaged' as const });
    // khugepaged's collapse_pte_mapped_thp(), or MADV_COLLAPSE (two extents, the mmap lock dropped for each scan).
    case 'collapse': return fc.record({ k: fc.constant('collapse' as const), slot, madvise: fc.boolean() });
    case 'uffd_copy': return fc.record({ k: fc.constant('uffd_copy' as const), slot, index });
    case 'uffd_poison': return fc.record({ k: fc.constant('uffd_poison' as const), slot, index });
    case 'writeback': return fc.record({ k: fc.constant('writeback' as const), index });
    case 'hugetlb_unshare': return fc.constant({ k: 'hugetlb_unshare' as const });
    case 'hugetlb_gup_fast': return fc.record({ k: fc.constant('hugetlb_gup_fast' as const), index });
    case 'collapse_anon': return fc.record({ k: fc.constant('collapse_anon' as const), slot });
    case 'split': return fc.record({ k: fc.constant('split' as const), slot });
    case 'dma': return fc.record({ k: fc.constant('dma' as const), slot, index, write: fc.boolean() });
    case 'fork': return fc.constant({ k: 'fork' as const });
    case 'mmap': return fc.record({ k: fc.constant('mmap' as const), slot });
    // The destination: any other slot of the scenario's geometry (with one slot, the same one:
    // an overlapping mremap, which fails).
    case 'mremap': return fc.tuple(slot, fc.nat({ max: Math.max(0, slots - 2) })).map(([s, d]) => ({ k: 'mremap' as const, slot: s, to: slots > 1 ? (s + 1 + d) % slots : s }));
  }
}

/** The fast-check arbitrary of one op, weighted, restricted to `kinds`. */
export function opArb(kinds: Set<Op['k']>, archWalk = false, slot: fc.Arbitrary<number> = fc.nat({ max: SLOTS - 1 }), index: fc.Arbitrary<number> = fc.nat({ max: PTES - 1 }), slots: number = SLOTS): fc.Arbitrary<Op> {
  const ks = [...kinds];
  return fc.oneof({ withCrossShrink: true }, ...ks.map((k) => ({ weight: OP_WEIGHTS[k], arbitrary: opOfKind(k, slot, index, archWalk, slots) })));
}

/** A number drawn as `focus` with weight `w`, else uniformly in 0..max. */
function focused(focus: number, w: number, max: number): fc.Arbitrary<number> {
  if (w <= 0) return fc.nat({ max });
  return fc.oneof({ weight: w, arbitrary: fc.constant(focus) }, { weight: 1, arbitrary: fc.nat({ max }) });
}

function weighted<T>(values: readonly T[], weights: readonly number[]): fc.Arbitrary<T> {
  const arms = values.map((v, i) => ({ weight: weights[i] ?? 0, arbitrary: fc.constant(v) })).filter((a) => a.weight > 0);
  return fc.oneof(...arms);
}

/** The initial PTEs of a table: mixed, or a boundary case (all none / all dirty / all clean). */
function ptesArb(g: GenConfig, ptes: number): fc.Arbitrary<PteInit[]> {
  const pte = fc.oneof(
    { weight: 6, arbitrary: fc.constant<PteInit>('none') },
    { weight: 3, arbitrary: fc.constant<PteInit>('clean') },
    { weight: 3, arbitrary: fc.constant<PteInit>('dirty') },
    { weight: 1, arbitrary: fc.constantFrom<PteInit>('poison', 'wp', 'swap') },
  );
  const all = (k: PteInit): fc.Arbitrary<PteInit[]> => fc.constant(Array<PteInit>(ptes).fill(k));
  const [mixed, none, dirty, clean] = g.pteStyles;
  const arms = [
    { weight: mixed, arbitrary: fc.array(pte, { minLength: ptes, maxLength: ptes }) },
    { weight: none, arbitrary: all('none') },
    { weight: dirty, arbitrary: all('dirty') },
    { weight: clean, arbitrary: all('clean') },
  ].filter((a) => a.weight > 0);
  return fc.oneof(...arms);
}

/**
 * What the scenario's op kinds need from the focus slot to do anything at all: a file VMA
 * (khugepaged, collapse, writeback), a uffd MISSING registration on a private VMA (UFFDIO_*).
 */
interface Needs {
  file: boolean;
  uffd: boolean;
  /** An anonymous VMA without uffd (anon collapse), unless a file one is needed too. */
  anon?: boolean;
}

const NO_NEEDS: Needs = { file: false, uffd: false };

function needsOf(kinds: readonly Op['k'][]): Needs {
  const file = kinds.some((k) => k === 'khugepaged' || k === 'collapse' || k === 'writeback');
  const uffd = kinds.some((k) => k === 'uffd_copy' || k === 'uffd_poison');
  return { file, uffd, anon: !file && !uffd && kinds.includes('collapse_anon') };
}

/** `arb`, or with weight `aware` (against 1) the value `v` when `need` holds. */
function biased<T>(need: boolean, aware: number, v: T, arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return need && aware > 0 ? fc.oneof({ weight: aware, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: arb }) : arb;
}

/** The arbitrary of a slot's initial state: mostly a table, often empty (reclaim and retract need empty tables). */
function slotArb(g: GenConfig, ptes: number, need: Needs = NO_NEEDS, tableWeights: readonly [number, number] = [4, 1]): fc.Arbitrary<SlotInit> {
  return fc.record({
    vma: biased(need.anon === true, g.aware, 'anon' as const, biased(need.file, g.aware, 'file' as const, fc.constantFrom<'anon' | 'file'>('file', 'anon'))),
    shared: biased(need.uffd, g.aware, false, fc.boolean()),
    uffd: biased(need.anon === true, g.aware, 'none' as const, biased(need.uffd, g.aware, 'missing' as const, weighted<'none' | 'missing' | 'wp'>(['none', 'missing', 'wp'], g.uffdWeights))),
    table: weighted([true, false], tableWeights),
    ptes: ptesArb(g, ptes),
  });
}

/**
 * Every slot a copy of one drawn slot (one mapping over all of them), except that the table of
 * slot `near` (unless -1) is drawn on its own with `g.neighbourTable`.
 */
function templateSlots(g: GenConfig, ptes: number, need: Needs, slots: number, near: number): fc.Arbitrary<SlotInit[]> {
  const table = near >= 0 ? weighted([true, false], g.neighbourTable) : fc.constant(null);
  return fc.tuple(slotArb(g, ptes, need), table).map(([s, t]) => Array.from({ length: slots }, (_, i) => ({ ...s, ptes: [...s.ptes], ...(i === near && t !== null ? { table: t } : {}) })));
}

/** A choice the declarations leave open (`'both'`) is drawn; a fixed one is a constant. */
function knob(v: boolean | 'both'): fc.Arbitrary<boolean> {
  return v === 'both' ? fc.boolean() : fc.constant(v);
}

/** A subset of `ks` of 1, 2, ... elements, with these weights. */
function subsetArb(ks: Op['k'][], counts: number[]): fc.Arbitrary<Op['k'][]> {
  const arms = counts.map((w, i) => {
    const len = Math.min(i + 1, ks.length);
    return { weight: w, arbitrary: fc.subarray(ks, { minLength: len, maxLength: len }) };
  }).filter((a) => a.weight > 0);
  return fc.oneof(...arms);
}

/** The op kinds of one scenario: removers, then users (see GenConfig.rolesCounts). */
function kindsArb(kinds: Op['k'][], g: GenConfig): fc.Arbitrary<Op['k'][]> {
  const removers = kinds.filter((k) => REMOVERS.includes(k));
  const users = kinds.filter((k) => !REMOVERS.includes(k));
  return fc.tuple(subsetArb(removers, g.rolesCounts[0]), subsetArb(users, g.rolesCounts[1])).map(([r, u]) => [...r, ...u]);
}

/** One dealt op: the CPU it goes to and its position in that CPU's program. */
interface Dealt {
  cpu: number;
  pos: number;
  op: Op;
}

/** Assemble per-CPU programs from dealt ops (by position, then deal order). */
function assemble(dealt: (Dealt | null)[], cpus: number): Op[][] {
  const programs: Op[][] = Array.from({ length: cpus }, () => []);
  const live = dealt.map((d, i) => ({ d, i })).filter((x): x is { d: Dealt; i: number } => x.d !== null);
  live.sort((a, b) => a.d.pos - b.d.pos || a.i - b.i);
  for (const { d } of live) programs[d.cpu]!.push(d.op);
  return programs;
}

/** Drawn focus picks: uniform modulo any slot or PTE count 1..4. */
const FOCUS_PICKS = 12;

/** The scenario arbitrary for one adapter. */
export function scenarioArb(adapter: Adapter, g: GenConfig = DEFAULT_GEN): fc.Arbitrary<Scenario> {
  const d = adapter.declarations;
  const kinds = [...opKinds(adapter)];
  const archWalk = adapter.arch_walk !== undefined;
  // Measured here, for every PTE count, while the generator is built (the check's calibration
  // phase, where an adapter that hangs or exits is reported as such), not during the search.
  const ptesCounts = Array.from({ length: GEOMETRY_BOUNDS.ptes.max }, (_, i) => i + 1);
  const none: PreemptionPoints = new Map();
  const measure = g.points > 0 || g.holder > 0 || g.nested > 0;
  const pointsBy = new Map(ptesCounts.map((n): [number, SchedulePoints] => {
    const m = measure ? schedulePoints(adapter, kinds, n) : undefined;
    const use = (on: boolean, pts: PreemptionPoints | undefined): PreemptionPoints => (on && pts ? pts : none);
    return [n, {
      release: use(g.points > 0, m?.release), queue: use(g.points > 0, m?.queue),
      hold: use(g.holder > 0, m?.hold), sharedHold: use(g.holder > 0, m?.sharedHold),
      hook: use(g.nested > 0, m?.hook),
    }];
  }));
  const noPoints: SchedulePoints = { release: none, queue: none, hold: none, sharedHold: none, hook: none };
  const points = (ptes: number): SchedulePoints => pointsBy.get(ptes) ?? noPoints;
  // The focus slot and index are drawn as picks uniform modulo any size 1..4 (12 = lcm), so the
  // profile does not chain on the geometry.
  const profile = fc.record({
    geo: geometryArb(adapter, g.geometry),
    kinds: kindsArb(kinds, g),
    slot: fc.nat({ max: FOCUS_PICKS - 1 }),
    index: fc.nat({ max: FOCUS_PICKS - 1 }),
  });
  // The parts that do not depend on the profile, built once (not once per scenario).
  const [never, first, every, random] = g.batchFail;
  const fixed = {
    warm: fc.oneof({ weight: g.warm, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    splitPtl: knob(d.SPLIT_PTE_PTLOCKS),
    allocSplitPtl: knob(d.ALLOC_SPLIT_PTLOCKS),
    batchAllocFail: d.MMU_GATHER_TABLE_FREE && !d.batchAllocCannotFail
      ? fc.oneof(...[
        { weight: never, arbitrary: fc.constant(0) },
        { weight: first, arbitrary: fc.constant(1) },
        { weight: every, arbitrary: fc.constant(0xf) },
        { weight: random, arbitrary: fc.nat({ max: 3 }) },
      ].filter((a) => a.weight > 0))
      : fc.constant(0),
    ptlockAllocFail: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
    reclaim: fc.constant(d.PT_RECLAIM),
    batch: fc.record({ tables: fc.integer({ min: 1, max: MAX_TABLE_BATCH }), pages: fc.integer({ min: 1, max: MAX_GATHER_BATCH }) }),
  };
  const schedule = drawnScheduleArb(g);
  return profile.chain((p) => {
    const geo: ScenarioGeometry = p.geo;
    const focusSlot = p.slot % geo.slots;
    // The neighbour slot (see GenConfig.twin), or -1 in a one-slot world.
    const nearSlot = geo.slots > 1 ? (focusSlot + 1) % geo.slots : -1;
    const slotA = focused(focusSlot, g.focus, geo.slots - 1);
    const indexA = focused(p.index % geo.ptes, g.focus, geo.ptes - 1);
    const op = opArb(new Set(p.kinds), archWalk, slotA, indexA, geo.slots);
    const cpus = geo.cpus;
    const cpu = fc.nat({ max: cpus - 1 });
    const pos = fc.nat({ max: 3 });
    const one = (o: fc.Arbitrary<Op>): fc.Arbitrary<Dealt> => fc.record({ cpu, pos, op: o });
    const dealt = fc.tuple(...p.kinds.map((k) => fc.option(one(opOfKind(k, slotA, indexA, archWalk, geo.slots)), { nil: null, freq: 8 })));
    // Spread by role: each remover on its own CPU from `base` on, the users on the other CPUs
    // (on every CPU when the removers took them all).
    const nRemovers = p.kinds.filter((k) => REMOVERS.includes(k)).length;
    const cpuOf = Array.from({ length: cpus }, (_, base) => {
      const all = Array.from({ length: cpus }, (_, c) => c);
      const left = all.filter((c) => (c - base + cpus) % cpus >= nRemovers);
      const free = left.length ? left : all;
      return p.kinds.map((_, i) => (i < nRemovers ? (base + i) % cpus : free[(i - nRemovers) % free.length]!));
    });
    const spread = g.dealSpread > 0
      ? fc.oneof(
        { weight: g.dealSpread, arbitrary: fc.tuple(fc.nat({ max: cpus - 1 }), dealt).map(([base, ds]) => ds.map((d, i) => (d ? { ...d, cpu: cpuOf[base]![i]!, pos: 0 } : d))) },
        { weight: 1, arbitrary: dealt },
      )
      : dealt;
    const twin = g.twin > 0 && nearSlot >= 0
      ? fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant(null) }, { weight: g.twin, arbitrary: one(opArb(new Set(p.kinds), archWalk, fc.constant(nearSlot), indexA, geo.slots)) })
      : fc.constant(null);
    const programs = fc.tuple(spread, fc.array(one(op), { maxLength: g.maxOps }), twin).map(([ds, extra, t]) => assemble([...ds, ...extra, t], cpus));
    const needs = needsOf(p.kinds);
    const needed = (i: number): Needs => (i === focusSlot || (i === nearSlot && g.twin > 0) ? needs : NO_NEEDS);
    const perSlot = fc.tuple(...Array.from({ length: geo.slots }, (_, i) => slotArb(g, geo.ptes, needed(i), i === nearSlot ? g.neighbourTable : undefined)));
    const slots = g.sameVma > 0
      ? fc.oneof(
        { weight: g.sameVma, arbitrary: templateSlots(g, geo.ptes, needs, geo.slots, nearSlot) },
        { weight: 1, arbitrary: perSlot },
      )
      : perSlot;
    const wb = p.kinds.includes('writeback');
    const thp = p.kinds.includes('khugepaged') || p.kinds.includes('collapse');
    const fileKind = fc.constantFrom<'shmem' | 'file'>('shmem', 'file');
    const record = fc.record({
      fileKind: biased(wb, g.aware, 'file' as const, biased(thp, g.aware, 'shmem' as const, fileKind)),
      slots,
      ...fixed,
      programs,
    });
    const frags = geo.frags === undefined ? {} : { frags: geo.frags };
    return fc.tuple(record, schedule).map(([sc, drawn]): Scenario => ({ ...sc, schedule: placeSchedule(sc.programs, drawn, points(geo.ptes)), ...frags }));
  });
}
