/**
 * The World: the whole state of one model run (memory, locks, RCU, CPUs/actors, the mm, the
 * trace and the violations found). Kernel primitives (`src/kernel`), the generic mm code
 * (`src/mm`) and adapters act on the World of the current run through `current()`.
 */
import type { Adapter, Declarations } from '../adapter/types';
import { newActor, type Actor } from './actor';
import type { MmuGather } from './gather';
import type { Geometry, Mm, RwSem, Vma } from './mm';
import { Rcu } from './rcu';
import { cpuName, dataPageName, lockName, ptName, rcuHeadName } from './names';
import { LazyTraceEntry, type ActionText, type TraceObjects } from './trace';
import {
  PAGE_SIZE, PFN_BASE, PTE_NONE,
  type Page, type PageUse, type RcuHead, type SpinLock, type TraceEntry, type Violation,
} from './types';

/** Per-run configuration drawn by the generator (within what the adapter declares). */
export interface RunConfig {
  geometry: Geometry;
  /** Number of task actors (one per CPU). */
  cpus: number;
  splitPtl: boolean;
  allocSplitPtl: boolean;
  /** Bit k set: the k-th table-batch page allocation (`__get_free_page(GFP_NOWAIT)`) fails. */
  batchAllocFail: number;
  /** Bit k set: the k-th ptlock allocation in the ctor fails (ALLOC_SPLIT_PTLOCKS). */
  ptlockAllocFail: number;
  /** Whether PT_RECLAIM-style reclaim of reachable empty tables is enabled this run. */
  reclaim: boolean;
  /** Capacities of `mmu_table_batch` (tables) and of each page batch (pages), drawn per scenario. */
  batch: { tables: number; pages: number };
  /** PTE tables per page drawn for this run (powerpc `PTE_FRAG_NR`), overriding the declaration. */
  tablesPerPage?: number;
}

/** Raised to abandon a run whose state is beyond the model (never for a contract violation). */
export class ModelLimit extends Error {}

/** The state of one run. */
export class World {
  readonly decl: Declarations;
  readonly actors: Actor[] = [];
  readonly rcu: Rcu;
  readonly pages: Page[] = [];
  private readonly freeList: Page[] = [];
  readonly trace: TraceEntry[] = [];
  readonly violations: Violation[] = [];
  readonly warnings: string[] = [];
  mm!: Mm;
  /** NR_PAGETABLE. */
  nrPagetable = 0;
  /** Counters of injected-fault draws. */
  batchAllocs = 0;
  ptlockAllocs = 0;
  private nextId = 1;
  /** Actor whose step is running. */
  cur: Actor;
  /** Live mmu_gathers (their pending tables are checked by C-LT-11). */
  readonly gathers: MmuGather[] = [];
  /** The file's i_mmap_rwsem (the model has one file). */
  readonly i_mmap: RwSem = { readers: new Set(), writer: null };
  /** The file's page cache: one page per index of the file range every file VMA maps. */
  filePages: Page[] = [];
  /** The file THP's page lock is held (khugepaged collapse_file): faults on file pages wait. */
  hpageLocked: number | null = null;
  /** Model bookkeeping per PTE table address: handed out by pte_alloc_one, or passed to a free path. */
  readonly tableStates = new Map<number, 'in-use' | 'freeing'>();
  /**
   * Tables (by address) given to pte_free_defer, with the grace period they wait for: the
   * deferred table itself may not be handed out before it (C-LT-4); a sibling fragment of the
   * same page, freed by another path, may.
   */
  readonly deferredTables = new Map<number, number>();
  /**
   * `mm_cpumask(mm)`: the CPUs a flush of the mm must reach (IPIs go to these). Every CPU
   * starts running the mm; a switch to another mm clears its bit on arches that declare
   * `mmCpumask: 'clear-on-switch'` (x86), and never elsewhere.
   */
  readonly cpumask = new Set<number>();
  /** Table batches queued with call_rcu, by their rcu_head. */
  readonly tableBatches = new Map<RcuHead, unknown[]>();
  /**
   * Kernel-primitive coroutines made for adapter code and not yet started (`src/model/coroutine.ts`
   * `point`): nonzero at the end of a step means code that was not transformed dropped one.
   */
  openPoints = 0;
  /** The name of the last such primitive made (for that error). */
  lastPoint = '';

  constructor(readonly adapter: Adapter, readonly cfg: RunConfig) {
    // A drawn PTE_FRAG_NR stands in for the declared one everywhere (the kernel's is a build-time constant).
    this.decl = cfg.tablesPerPage === undefined ? adapter.declarations : { ...adapter.declarations, tablesPerPage: cfg.tablesPerPage };
    for (let i = 0; i < cfg.cpus; i++) this.actors.push(newActor(i, cpuName(i)));
    this.tasks = this.actors.slice();
    for (const a of this.tasks) this.cpumask.add(a.id);
    this.actors.push(newActor(cfg.cpus, 'rcu'));
    this.rcuActor = this.actors[cfg.cpus]!;
    this.cur = this.actors[0]!;
    this.rcu = new Rcu(this);
  }

  /**
   * Whether some actor is inside adapter code that has not returned (a hook, or an RCU
   * callback): the arch's own data may be mid-update, as another CPU would see it without the
   * arch's lock. Monitors of arch invariants judge only when this is false.
   */
  inAdapterCode(): boolean {
    for (const a of this.actors) if (a.inHook > 0 || a.inCallback > 0) return true;
    return false;
  }

  /** A fresh id for locks, gathers, batches. */
  id(): number {
    return this.nextId++;
  }

  /** The RCU engine's actor. */
  readonly rcuActor: Actor;

  /** The task actors (CPUs), in id order (one array per run: do not modify it). */
  readonly tasks: readonly Actor[];

  // ---------------------------------------------------------------- trace and verdicts

  /**
   * Record one atomic action of the current actor. `action` may be a function that builds the
   * text when the trace is read (see `src/model/trace.ts`); `objects` names what it touched
   * (one name or a list), `more` one more name.
   */
  record(action: ActionText, objects?: TraceObjects, more?: string): void {
    this.trace.push(new LazyTraceEntry(this.cur.name, this.cur.op, action, objects, more));
  }

  /** Report a violation of `contract`, at the latest trace entry (deduplicated). */
  violate(contract: string, message: string): void {
    if (this.violations.some((v) => v.contract === contract && v.message === message)) return;
    if (this.trace.length === 0) this.record('(initial state)');
    this.violations.push({ contract, message, step: this.trace.length - 1 });
  }

  /** A WARN_ON_ONCE that fired (recorded in the trace; not a verdict by itself). */
  warn(message: string): void {
    this.warnings.push(message);
    this.record(`WARN_ON_ONCE: ${message}`);
  }

  // ---------------------------------------------------------------- names

  /** Model name of a table address. */
  ptName(va: number): string {
    return ptName(va);
  }

  /** Model name of a page. */
  pageName(p: Page): string {
    return p.use === 'data' ? dataPageName(p.pfn) : ptName(p.pfn * PAGE_SIZE);
  }

  // ---------------------------------------------------------------- memory

  /** PTE slots per page for the table pages of this run. */
  get slotsPerPage(): number {
    return this.decl.tablesPerPage * this.cfg.geometry.ptesPerTable;
  }

  /**
   * Allocate a page: the most recently freed page first (LIFO), so a page freed too early is
   * reused at once and stale pointers to it become visible.
   */
  allocPage(use: PageUse, site: string): Page {
    let p = this.freeList.pop();
    if (!p) {
      p = {
        pfn: PFN_BASE + this.pages.length, gen: 0, use: 'free', pageTable: false, order: 0, ctorCount: 0, dtorCount: 0,
        ptl: null, rcu_head: { owner: '', state: 'idle', page: null }, lru: { on: null }, active: false,
        _refcount: { counter: 0 }, pt_frag_refcount: { counter: 0 }, slots: [], level: null, data: null,
        deferredAtGp: null, allocSite: site,
      };
      p.rcu_head = { owner: rcuHeadName(p.pfn), state: 'idle', page: p };
      this.pages.push(p);
    }
    p.gen++;
    this.forgetTables(p);
    p.use = use;
    p.pageTable = false;
    p.order = 0;
    p.ctorCount = 0;
    p.dtorCount = 0;
    p.ptl = null;
    p.active = false;
    p._refcount.counter = 1;
    p.pt_frag_refcount.counter = 0;
    p.slots = use === 'table' ? new Array<typeof PTE_NONE>(this.slotsPerPage).fill(PTE_NONE) : [];
    p.level = use === 'table' ? 'pte' : null;
    p.data = null;
    p.deferredAtGp = null;
    p.allocSite = site;
    p.lru.on = null;
    if (p.rcu_head.state !== 'idle') p.rcu_head.state = 'idle';
    return p;
  }

  /** Return a page to the allocator (monitors run before, in `src/model/monitors.ts`). */
  releasePage(p: Page): void {
    this.forgetTables(p);
    p.use = 'free';
    if (p.ptl && p.ptl.state === 'live') p.ptl.state = 'freed';
    this.freeList.push(p);
  }

  /** Drop the table bookkeeping of every fragment of `p`. */
  private forgetTables(p: Page): void {
    const base = p.pfn * PAGE_SIZE;
    for (let f = 0; f < this.decl.tablesPerPage; f++) this.tableStates.delete(base + f * (PAGE_SIZE / this.decl.tablesPerPage));
  }

  /** The page holding kernel virtual address `va`, or undefined for an address outside memory. */
  pageOfVa(va: number): Page | undefined {
    return this.pages[Math.floor(va / PAGE_SIZE) - PFN_BASE];
  }

  /** Kernel virtual address of a page. */
  vaOfPage(p: Page): number {
    return p.pfn * PAGE_SIZE;
  }

  /** Bytes per PTE table fragment. */
  get tableBytes(): number {
    return PAGE_SIZE / this.decl.tablesPerPage;
  }

  /** Index of slot `i` of the table at `va` inside its page's `slots`. */
  slotIndex(va: number, i: number): number {
    const frag = Math.floor((va % PAGE_SIZE) / this.tableBytes);
    return frag * this.cfg.geometry.ptesPerTable + i;
  }

  // ---------------------------------------------------------------- locks

  /** A new live spinlock. */
  newLock(name: string): SpinLock {
    return { id: this.id(), name: lockName(name, this.nextId), holder: null, state: 'live' };
  }

  /** Whether `vma` is usable by walkers that hold the mmap lock. */
  vmaLive(v: Vma): boolean {
    return v.attached && this.mm.state === 'live';
  }
}

let currentWorld: World | null = null;

/** The World of the running step. Kernel primitives and adapters reach the model through it. */
export function current(): World {
  if (!currentWorld) throw new ModelLimit('kernel primitive called outside a model run');
  return currentWorld;
}

/** Make `w` the current World (the runner does this around every run). */
export function setCurrent(w: World | null): void {
  currentWorld = w;
}
