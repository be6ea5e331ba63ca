/**
 * Runs one scenario against one adapter: builds the initial World, plays the schedule chunk by
 * chunk, drains every actor to completion (lowest CPU first, grace periods when all tasks
 * wait), tears the mm down with exit_mmap, lets RCU go idle, and checks for leaks (C-TD-1).
 * Deterministic: the same adapter and scenario give the same trace, byte for byte.
 */
import { PROCESS_MM_ID } from '../model/mm';
import type { Adapter } from '../adapter/types';
import type { PropertyMonitor } from '../check/property';
import { HookError } from './hookError';
import { DEFAULT_BATCH } from '../model/gather';
import { BLOCKED, type Actor, type Step } from '../model/actor';
import { checkOpEnd } from '../model/monitors';
import { PTE_NONE, type Pte, type TraceEntry, type Violation } from '../model/types';
import { plainTrace } from '../model/trace';
import { ModelLimit, setCurrent, World, type RunConfig } from '../model/world';
import { __pte_alloc, vpn } from '../mm/memory';
import { exit_mmap } from '../mm/mmap';
import { iommu_sva_bind_device } from '../mm/mmu_notifier';
import { modeOf, switch_mm } from '../mm/context';
import { gmap_link_tables } from '../mm/gmap';
import { pmd_table_setup } from '../mm/pgd_range';
import { pmd_page_vaddr, pmdKind } from '../mm/pgtable_generic';
import { page_add_rmap } from '../mm/rmap';
import { opLabel, runOp, type Op } from './ops';
import type { Scenario } from './scenario';
import { geometryOf } from './geometry';

/** Outcome of one run. */
export interface RunResult {
  /** The run's first violation if `judge` accepts it, else null. */
  violation: Violation | null;
  /** Every violation recorded (a run stops at its first violation). */
  violations: Violation[];
  /** The executed trace (plain data, built from the run's lazy entries when first read). */
  readonly trace: TraceEntry[];
  /** Actor names in column order. */
  actors: string[];
  /** Atomic steps executed. */
  steps: number;
  /** Set when the run went beyond what the model supports (never a verdict). */
  limit?: string;
  /** Set when adapter code threw: the hook and what it threw (the run ends there; an adapter error). */
  thrown?: HookError;
}

/** Options of a run. */
export interface RunOptions {
  /**
   * Which contracts the run is judged on (default: all). A run stops at its first violation of
   * any contract; it fails only if that first violation is judged. Later violations are
   * consequences of the first and never count.
   */
  judge?: (v: Violation) => boolean;
  /** Run exit_mmap and the leak checks at the end (default true). */
  teardown?: boolean;
  /** Upper bound on atomic steps (a livelock guard). */
  maxSteps?: number;
  /** Arch-specific property monitors, called after every step. */
  monitors?: PropertyMonitor[];
}

const MAX_STEPS = 4000;

function initialPte(w: World, kind: string, slot: number, index: number, write: boolean): Pte {
  const vma = w.mm.vmas[slot]!;
  // Only legal initial states: markers need the matching uffd registration, and a swap entry
  // is an anon page that was swapped out (so the VMA has an anon_vma).
  switch (kind) {
    case 'poison': return vma.uffd === 'missing' ? { k: 'marker', m: 'poison' } : PTE_NONE;
    case 'wp': return vma.uffd === 'wp' ? { k: 'marker', m: 'wp' } : PTE_NONE;
    case 'swap':
      vma.anonVma = true;
      return { k: 'swap' };
    case 'none': return PTE_NONE;
    default: {
      let page = w.filePages[index]!;
      if (vma.kind === 'anon') {
        page = w.allocPage('data', 'initial anon');
        page._refcount.counter = 0;
        page.data = { kind: 'anon', index: -1, mapcount: 0, dirty: true, content: 0, disk: 0, pagecache: false };
        vma.anonVma = true;
      }
      page_add_rmap(page);
      return { k: 'present', page, gen: page.gen, write, dirty: kind === 'dirty' };
    }
  }
}

/**
 * Build the World of a scenario (initial tables are allocated through the adapter's own
 * pte_alloc_one). A violation during setup is kept, with the setup's trace: the run stops there.
 */
export function buildWorld(adapter: Adapter, sc: Scenario): World {
  const geo = geometryOf(sc);
  const cfg: RunConfig = {
    geometry: { slots: geo.slots, ptesPerTable: geo.ptes }, cpus: geo.cpus,
    splitPtl: sc.splitPtl, allocSplitPtl: sc.splitPtl && sc.allocSplitPtl,
    batchAllocFail: sc.batchAllocFail, ptlockAllocFail: sc.ptlockAllocFail, reclaim: sc.reclaim,
    batch: sc.batch ?? DEFAULT_BATCH,
  };
  if (geo.frags !== undefined) cfg.tablesPerPage = geo.frags;
  const w = new World(adapter, cfg);
  setCurrent(w);
  w.mm = {
    id: PROCESS_MM_ID, users: 1, state: 'live', mmap_lock: { readers: new Set(), writer: null },
    page_table_lock: w.newLock('page_table_lock'), pmdTableLock: w.newLock('pmd_ptl'), tlb_flush_pending: 0,
    pmds: new Array<number>(geo.slots).fill(0),
    vmas: sc.slots.map((s, slot) => ({
      slot, kind: s.vma === 'anon' ? 'anon' : sc.fileKind, shared: s.vma !== 'anon' && s.shared,
      uffd: s.uffd, anonVma: false, attached: true, pgtablesFreed: false,
    })),
    rss: { file: 0, anon: 0 }, nr_ptes: 0,
    context: { lock: w.newLock('context.lock'), pgtable_list: { name: 'pgtable_list', pages: [] }, has_pgste: adapter.declarations.PGSTE === true, flush_mm: false, pte_frag: 0 },
    ptcMapped: new Map(),
  };
  for (let i = 0; i < geo.ptes; i++) {
    const p = w.allocPage('data', 'page cache');
    p.data = { kind: sc.fileKind, index: i, mapcount: 0, dirty: sc.fileKind === 'shmem', content: 0, disk: 0, pagecache: true };
    w.filePages.push(p);
  }
  // Setup runs alone on cpu0: nothing can block.
  const a0 = w.actors[0]!;
  a0.op = 'setup';
  sc.slots.forEach((s, slot) => {
    if (!s.table) return;
    const g = __pte_alloc(slot);
    for (let r = g.next(); !r.done; r = g.next()) { /* run to completion */ }
    if (pmdKind(w.mm.pmds[slot]!) !== 'table') return;
    const va = pmd_page_vaddr(w.mm.pmds[slot]!);
    const page = w.pageOfVa(va)!;
    const vma = w.mm.vmas[slot]!;
    // A warm CPU has walked this table: its paging-structure cache holds the pmd entry.
    if (sc.warm && w.decl.hwWalkCache !== false) for (const a of w.tasks) a.psc.set(slot, { page, gen: page.gen, va });
    s.ptes.forEach((k, index) => {
      const write = vma.kind === 'anon' || vma.shared;
      const e = initialPte(w, k, slot, index, write);
      page.slots[w.slotIndex(va, index)] = e;
      if (e.k === 'present' && sc.warm) {
        for (const a of w.tasks) a.tlb.set(vpn(slot, index), { page: e.page, gen: e.gen, write: e.write, dirty: e.dirty });
      }
    });
  });
  pmd_table_setup();
  // A KVM guest's mm: the guest has touched its memory, so its gmap links every initial table.
  if (w.mm.context.has_pgste) gmap_link_tables(w);
  iommu_sva_bind_device(w.mm, sc.warm);
  // Setup ran the adapter's own code (its pte_alloc_one(), the table ctor, pmd_alloc_one()): a
  // violation there is the adapter's, the run's first, shown with the setup's trace on cpu0.
  if (w.violations.length) return w;
  a0.op = 'idle';
  w.trace.length = 0;
  return w;
}

function* actorMain(w: World, a: Actor, ops: Op[]): Step {
  for (const op of ops) {
    a.op = opLabel(op);
    yield* switch_mm(modeOf(op));
    yield* runOp(op);
    checkOpEnd(w, a);
    a.op = 'idle';
  }
}

function* teardownMain(w: World, a: Actor): Step {
  a.op = 'exit_mmap';
  // Every thread of the mm has exited: no CPU runs it in user mode any more; those that ran it
  // keep it as their lazy TLB mm (exit_mm() → enter_lazy_tlb()) until mmput() tears it down.
  for (const t of w.tasks) if (t.mode === 'user') t.mode = 'lazy';
  w.record('exit_mm(): every thread gone, CPUs that ran the mm hold it lazily');
  yield* exit_mmap();
  checkOpEnd(w, a);
}

/**
 * A kernel primitive's coroutine was made and never run: the adapter code that called it was
 * not loaded through the coroutine transform, so its call did nothing. That adapter's error.
 */
function droppedPoint(w: World): never {
  throw new HookError(w.lastPoint, new Error(`the kernel primitive ${w.lastPoint}() was called but never ran: the calling adapter code was not loaded through ptconform's loader (src/adapter/coroutines.ts makes hooks interleavable)`));
}

/** Leak checks once everything has run (C-TD-1). */
function checkTeardown(w: World): void {
  const tables = w.pages.filter((p) => p.use === 'table');
  if (tables.length) w.violate('C-TD-1', `after exit_mmap and every grace period, table page(s) ${tables.map((p) => w.pageName(p)).join(', ')} were never freed`);
  if (w.nrPagetable !== 0) w.violate('C-TD-1', `NR_PAGETABLE is ${w.nrPagetable} after teardown`);
  const { anon, file } = w.mm.rss;
  if (anon !== 0 || file !== 0) w.violate('C-TD-1', `BUG: Bad rss-counter state: MM_ANONPAGES=${anon} MM_FILEPAGES=${file}`);
  const mapped = w.filePages.filter((p) => p.data!.mapcount !== 0);
  if (mapped.length) w.violate('C-TD-1', `file page(s) ${mapped.map((p) => w.pageName(p)).join(', ')} still mapped after teardown`);
}

/** Run `sc` against `adapter`. */
export function runScenario(adapter: Adapter, sc: Scenario, opts: RunOptions = {}): RunResult {
  const judge = opts.judge ?? (() => true);
  const maxSteps = opts.maxSteps ?? MAX_STEPS;
  const monitors = opts.monitors ?? [];
  let w: World | null = null;
  let limit: string | undefined;
  let thrown: HookError | undefined;
  let steps = 0;
  try {
    w = buildWorld(adapter, sc);
    const world = w;
    const gens: Step[] = world.tasks.map((a, i) => actorMain(world, a, sc.programs[i] ?? []));
    gens.push(world.rcu.engine());
    const stopped = (): boolean => world.violations.length > 0;
    const step = (i: number): 'stepped' | 'blocked' | 'done' => {
      const a = world.actors[i]!;
      if (a.done) return 'done';
      if (++steps > maxSteps) throw new ModelLimit(`more than ${maxSteps} steps (livelock?)`);
      world.cur = a;
      const before = world.trace.length;
      const r = gens[i]!.next();
      if (world.openPoints !== 0) droppedPoint(world);
      if (r.done) {
        a.done = true;
        // The last step of an actor's program did work too: the monitors see it.
        if (world.trace.length > before) for (const m of monitors) m.afterStep?.(world);
        return world.trace.length > before ? 'stepped' : 'done';
      }
      // A step that did some work and then had to wait still made progress.
      if (r.value === BLOCKED && world.trace.length === before) {
        steps--;
        return 'blocked';
      }
      for (const m of monitors) m.afterStep?.(world);
      return 'stepped';
    };
    const drain = (): void => {
      for (;;) {
        if (stopped()) return;
        let progressed = false;
        for (let i = 0; i < gens.length && !progressed; i++) {
          if (step(i) === 'stepped') progressed = true;
        }
        if (!progressed) break;
      }
      const stuck = world.tasks.filter((a) => !a.done);
      if (stuck.length) {
        world.cur = stuck[0]!;
        world.violate('C-RM-2', `deadlock: ${stuck.map((a) => `${a.name} in ${a.op}`).join(', ')} can never proceed`);
      }
    };
    outer: for (const c of sc.schedule) {
      if (c.a >= gens.length) continue;
      for (let k = 0; k < c.n; k++) {
        if (stopped()) break outer;
        if (step(c.a) !== 'stepped') break;
      }
    }
    drain();
    if (!stopped() && opts.teardown !== false) {
      const a0 = world.actors[0]!;
      a0.done = false;
      gens[0] = teardownMain(world, a0);
      drain();
      if (!stopped()) checkTeardown(world);
    }
  } catch (e) {
    if (e instanceof HookError) thrown = e;
    else if (e instanceof ModelLimit) limit = e.message;
    else throw e;
  } finally {
    setCurrent(null);
  }
  const violations = w?.violations ?? [];
  const first = violations[0];
  return new Outcome(first && judge(first) ? first : null, violations, w?.trace ?? [], w?.actors.map((a) => a.name) ?? [], steps, limit, thrown);
}

/**
 * A `RunResult` whose trace is rendered to plain data on first read: most runs pass and nobody
 * reads their trace. (A class, not an object literal with a getter: V8 gives every such
 * literal its own hidden class, which kept each run's World alive until a full GC.)
 */
class Outcome implements RunResult {
  declare readonly limit?: string;
  declare readonly thrown?: HookError;
  readonly #entries: readonly TraceEntry[];
  #trace: TraceEntry[] | undefined;

  constructor(
    readonly violation: Violation | null, readonly violations: Violation[], entries: readonly TraceEntry[],
    readonly actors: string[], readonly steps: number, limit: string | undefined, thrown: HookError | undefined,
  ) {
    this.#entries = entries;
    if (limit !== undefined) (this as { limit?: string }).limit = limit;
    if (thrown !== undefined) (this as { thrown?: HookError }).thrown = thrown;
  }

  get trace(): TraceEntry[] {
    return (this.#trace ??= plainTrace(this.#entries));
  }
}
