/**
 * A scenario: the initial address space, the per-run configuration, one program (list of
 * ops) per CPU, and the interleaving as data: a schedule of chunks "run actor a for n steps".
 * Everything is plain JSON, generated and shrunk by fast-check; nothing random happens inside
 * a run.
 */
import fc from 'fast-check';
import type { Adapter } from '../adapter/types';
import { eraAtLeast } from '../adapter/types';
import { retractWithDefer } from '../mm/era';
import type { Op } from './ops';

/** Fixed geometry: 2 pmd slots of 2 PTEs, 3 CPUs (+ the RCU engine as actor 3). */
export const SLOTS = 2;
export const PTES = 2;
export const CPUS = 3;

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

/** One chunk of the interleaving: run actor `a` (0..CPUS-1 a CPU, CPUS the RCU engine) for up to `n` steps. */
export interface Chunk {
  a: number;
  n: number;
}

/** A complete, replayable run. */
export interface Scenario {
  /** Whether the file is shmem (khugepaged collapses it) or a regular file (written back). */
  fileKind: 'shmem' | 'file';
  slots: SlotInit[];
  /** Whether every CPU's TLB initially caches every present entry. */
  warm: boolean;
  splitPtl: boolean;
  allocSplitPtl: boolean;
  batchAllocFail: number;
  ptlockAllocFail: number;
  reclaim: boolean;
  programs: Op[][];
  schedule: Chunk[];
}

/** Which op kinds an adapter's declarations and era make reachable. */
export function opKinds(adapter: Adapter): Set<Op['k']> {
  const d = adapter.declarations;
  const kinds = new Set<Op['k']>(['fault', 'walk', 'gup_fast', 'access', 'dontneed', 'munmap', 'writeback']);
  if (d.THP && adapter.pte_free_defer && retractWithDefer(adapter.era)) {
    kinds.add('khugepaged');
    kinds.add('collapse');
  }
  if (eraAtLeast(adapter.era, 'v6.5')) {
    kinds.add('uffd_copy');
    kinds.add('uffd_poison');
  }
  return kinds;
}

/** The fast-check arbitrary of one op, weighted, restricted to `kinds`. */
export function opArb(kinds: Set<Op['k']>, archWalk = false): fc.Arbitrary<Op> {
  const slot = fc.nat({ max: SLOTS - 1 });
  const index = fc.nat({ max: PTES - 1 });
  const all: { weight: number; k: Op['k']; arbitrary: fc.Arbitrary<Op> }[] = [
    { weight: 5, k: 'walk', arbitrary: fc.record({ k: fc.constant('walk' as const), slot, index, api: archWalk ? fc.constantFrom('lock' as const, 'map' as const, 'nolock' as const, 'arch' as const) : fc.constantFrom('lock' as const, 'map' as const, 'nolock' as const) }) },
    { weight: 3, k: 'fault', arbitrary: fc.record({ k: fc.constant('fault' as const), slot, index, write: fc.boolean() }) },
    { weight: 3, k: 'gup_fast', arbitrary: fc.record({ k: fc.constant('gup_fast' as const), slot, index }) },
    { weight: 3, k: 'access', arbitrary: fc.record({ k: fc.constant('access' as const), slot, index, write: fc.boolean() }) },
    { weight: 4, k: 'dontneed', arbitrary: fc.record({ k: fc.constant('dontneed' as const), slot }) },
    { weight: 3, k: 'munmap', arbitrary: fc.record({ k: fc.constant('munmap' as const), slot }) },
    { weight: 3, k: 'khugepaged', arbitrary: fc.constant({ k: 'khugepaged' as const }) },
    { weight: 2, k: 'collapse', arbitrary: fc.record({ k: fc.constant('collapse' as const), slot }) },
    { weight: 2, k: 'uffd_copy', arbitrary: fc.record({ k: fc.constant('uffd_copy' as const), slot, index }) },
    { weight: 1, k: 'uffd_poison', arbitrary: fc.record({ k: fc.constant('uffd_poison' as const), slot, index }) },
    { weight: 2, k: 'writeback', arbitrary: fc.record({ k: fc.constant('writeback' as const), index }) },
  ];
  return fc.oneof({ withCrossShrink: true }, ...all.filter((x) => kinds.has(x.k)).map(({ weight, arbitrary }) => ({ weight, arbitrary })));
}

/** The arbitrary of a slot's initial state: mostly a table, often empty (reclaim and retract need empty tables). */
function slotArb(): fc.Arbitrary<SlotInit> {
  const pte = fc.oneof(
    { weight: 6, arbitrary: fc.constant<PteInit>('none') },
    { weight: 3, arbitrary: fc.constant<PteInit>('clean') },
    { weight: 3, arbitrary: fc.constant<PteInit>('dirty') },
    { weight: 1, arbitrary: fc.constantFrom<PteInit>('poison', 'wp', 'swap') },
  );
  return fc.record({
    vma: fc.constantFrom<'anon' | 'file'>('file', 'anon'),
    shared: fc.boolean(),
    uffd: fc.oneof({ weight: 4, arbitrary: fc.constant<'none'>('none') }, { weight: 1, arbitrary: fc.constantFrom<'missing' | 'wp'>('missing', 'wp') }),
    table: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    ptes: fc.array(pte, { minLength: PTES, maxLength: PTES }),
  });
}

/** A choice the declarations leave open (`'both'`) is drawn; a fixed one is a constant. */
function knob(v: boolean | 'both'): fc.Arbitrary<boolean> {
  return v === 'both' ? fc.boolean() : fc.constant(v);
}

/** The scenario arbitrary for one adapter. */
export function scenarioArb(adapter: Adapter): fc.Arbitrary<Scenario> {
  const d = adapter.declarations;
  const kinds = opKinds(adapter);
  const program = fc.array(opArb(kinds, adapter.arch_walk !== undefined), { minLength: 0, maxLength: 3 });
  return fc.record({
    fileKind: fc.constantFrom<'shmem' | 'file'>('shmem', 'file'),
    slots: fc.array(slotArb(), { minLength: SLOTS, maxLength: SLOTS }),
    warm: fc.boolean(),
    splitPtl: knob(d.SPLIT_PTE_PTLOCKS),
    allocSplitPtl: knob(d.ALLOC_SPLIT_PTLOCKS),
    batchAllocFail: d.MMU_GATHER_TABLE_FREE
      ? fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 3 }) })
      : fc.constant(0),
    ptlockAllocFail: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
    reclaim: fc.constant(d.PT_RECLAIM),
    programs: fc.array(program, { minLength: CPUS, maxLength: CPUS }),
    schedule: fc.array(fc.record({ a: fc.nat({ max: CPUS }), n: fc.integer({ min: 1, max: 12 }) }), { maxLength: 10 }),
  });
}
