/**
 * Actors: one task per CPU (`cpu0`, `cpu1`, ...), plus the RCU engine. An actor carries the
 * per-task state the contracts talk about (RCU nesting, IRQ state, held locks, kmap stack,
 * live pte_offset_map handles) and the per-CPU hardware state (TLB, paging-structure cache,
 * pending IPIs).
 */
import type { Page, SpinLock } from './types';

/** A yielded value: `BLOCKED` means the actor could not make progress; nothing was done. */
export const BLOCKED = Symbol('blocked');
/** What actor generators yield: `undefined` ends an atomic step, `BLOCKED` waits. */
export type Signal = typeof BLOCKED | undefined;
/** An actor program or a blocking kernel path. */
export type Step<T = void> = Generator<Signal, T, void>;

/**
 * A step that is already over: `yield* DONE` does nothing. A blocking primitive that need not
 * wait does its work at once and returns it instead of a new generator (the common case, and
 * one allocation less on the model's hot path). Its callers `yield*` it at once, so the work
 * happens at the same moment either way.
 */
export const DONE: Step = (function* (): Step {})();
DONE.next();

/** A live result of `pte_offset_map*`: the reader's view of one table. */
export interface MapHandle {
  readonly actor: number;
  /** `pte_t *` of the table (its kernel virtual address). */
  readonly va: number;
  readonly page: Page;
  /** Page generation at map time: a later generation means the table was freed and reused. */
  readonly gen: number;
  /** The ptl derived from the same pmdval (C-MAP-4). */
  readonly ptl: SpinLock;
  /** The pmd value the map was derived from. */
  readonly pmdval: number;
  readonly slot: number;
  /** Which API produced it. */
  readonly api: 'map' | 'lock' | 'ro_nolock' | 'rw_nolock' | 'nolock';
  /** Whether a kmap_local was taken (HIGHPTE). */
  readonly kmapped: boolean;
  /** Mapped from the caller's stack copy of the pmd (`pte_offset_map(&pmd, addr)`), not from *pmd. */
  readonly fromCopy?: boolean;
}

/** A cached translation: virtual page index → data page. */
export interface TlbEntry {
  page: Page;
  gen: number;
  write: boolean;
  dirty: boolean;
}

/** A cached paging-structure entry: pmd slot → PTE table. */
export interface PscEntry {
  page: Page;
  gen: number;
  va: number;
}

/** An IPI the actor's CPU has not taken yet (its IRQs are off). */
export interface IpiRequest {
  /** Targets that have not yet taken it. */
  readonly waiting: Set<number>;
  /** TLB-flush IPI: what to invalidate, or null for a plain synchronisation IPI. */
  readonly flush: FlushRange | null;
}

/** A TLB flush: virtual page indices `[vpnStart, vpnEnd)`, and PSC slots `[slotStart, slotEnd)` if `freedTables`. */
export interface FlushRange {
  readonly vpnStart: number;
  readonly vpnEnd: number;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly freedTables: boolean;
}

/** One actor (a task on a CPU, or the RCU engine). */
export interface Actor {
  readonly id: number;
  readonly name: string;
  /** Label of the operation it is running (for the timeline). */
  op: string;
  rcuDepth: number;
  /** local_irq_disable nesting. */
  irqsOff: number;
  /** kmap_local stack (HIGHPTE): table addresses. */
  kmap: number[];
  locks: SpinLock[];
  mmap: 'none' | 'read' | 'write';
  handles: MapHandle[];
  /** Tables observed inside the current IRQs-off lockless walk (gup_fast), or null outside one. */
  irqWalk: Set<Page> | null;
  /** Depth inside pte_free_defer (C-LT-5). */
  inDefer: number;
  /**
   * Running an "outsider" of the mm (khugepaged's collapse and retract, which hold neither the
   * VMA nor, for retract, the mmap lock): it must not map a table of a detached VMA (C-RM-6).
   */
  outsider: boolean;
  /** Depth inside an RCU callback (softirq context, C-LT-9). */
  inCallback: number;
  /**
   * What the CPU runs: a task of the mm (`user`), a kernel thread with the mm still loaded as
   * its lazy TLB mm (`lazy`: its TLB and paging-structure cache stay, and the hardware may walk
   * through them speculatively), or another mm (`other`). Drives mm_cpumask and who a flush
   * reaches (src/mm/context.ts).
   */
  mode: 'user' | 'lazy' | 'other';
  /** Depth inside adapter hooks whose steps are running (`callHook`): arch state may be mid-update. */
  inHook: number;
  pendingIpis: IpiRequest[];
  tlb: Map<number, TlbEntry>;
  psc: Map<number, PscEntry>;
  done: boolean;
}

/** A fresh actor. */
export function newActor(id: number, name: string): Actor {
  return {
    id, name, op: 'idle', rcuDepth: 0, irqsOff: 0, kmap: [], locks: [], mmap: 'none', handles: [],
    irqWalk: null, inDefer: 0, outsider: false, inCallback: 0, inHook: 0, mode: 'user', pendingIpis: [], tlb: new Map(), psc: new Map(), done: false,
  };
}
