/**
 * IRQ state, IPIs and TLB flush transports (contracts.md §1.8, §1.9, Q12).
 *
 * An IPI is taken at once by a CPU with IRQs enabled, and when it re-enables IRQs otherwise;
 * the sender waits (yields BLOCKED) until every target took it. Who a flush reaches depends on
 * the transport: IPIs go to the other CPUs of `mm_cpumask` (lazy-TLB CPUs too unless the arch's
 * flush leaves them out), SBI and hypercall flushes to the same CPUs without waiting for them,
 * hardware broadcast invalidation (arm64 TLBI IS, s390 IPTE/IDTE) to every CPU. What is
 * invalidated is the arch's choice: leaf entries only, or the paging-structure (walk) cache
 * too. `tlb_remove_table_sync_one()` IPIs every online CPU, whatever the mm.
 */
import { BLOCKED, DONE, type Actor, type FlushRange, type IpiRequest, type Step } from '../model/actor';
import { textOf, type ActionText } from '../model/trace';
import { current } from '../model/world';
import { callHook } from '../model/coroutine';
import { mmu_notifier_arch_invalidate_secondary_tlbs } from './mmu_notifier';

/** Apply a flush IPI (or a broadcast invalidation) to `a`'s TLB and paging-structure cache. */
function invalidate(a: Actor, flush: FlushRange): void {
  if (a.tlb.size > 0) for (let v = flush.vpnStart; v < flush.vpnEnd; v++) a.tlb.delete(v);
  if (flush.freedTables && a.psc.size > 0) for (let s = flush.slotStart; s < flush.slotEnd; s++) a.psc.delete(s);
}

/** `local_irq_disable()` / `local_irq_save()`. */
export function local_irq_disable(): void {
  const w = current();
  w.cur.irqsOff++;
  w.record('local_irq_disable()');
}

/** `local_irq_enable()` / `local_irq_restore()`: pending IPIs are taken now. */
export function local_irq_enable(): void {
  const w = current();
  const a = w.cur;
  if (a.irqsOff > 0) a.irqsOff--;
  w.record('local_irq_enable()');
  if (a.irqsOff === 0) {
    for (const req of a.pendingIpis) {
      if (req.flush) invalidate(a, req.flush);
      req.waiting.delete(a.id);
    }
    const taken = a.pendingIpis.length;
    if (taken) {
      w.record(() => `takes ${taken} pending IPI(s)`);
      a.pendingIpis = [];
    }
    a.irqWalk = null;
    w.rcu.readerMayHaveExited(a);
  }
}

/**
 * Send an IPI to the other CPUs `to` accepts (default: every other CPU); CPUs with IRQs enabled
 * take it at once.
 */
function sendIpi(what: ActionText, flush: IpiRequest['flush'], to: (t: Actor) => boolean = () => true): IpiRequest {
  const w = current();
  const req: IpiRequest = { waiting: new Set(), flush };
  const late: string[] = [];
  for (const t of w.tasks) {
    if (t === w.cur || !to(t)) continue;
    if (t.irqsOff === 0) {
      if (flush) invalidate(t, flush);
    } else {
      req.waiting.add(t.id);
      t.pendingIpis.push(req);
      late.push(t.name);
    }
  }
  w.record(() => `${textOf(what)}: IPI${late.length ? ` (waits for ${late.join(', ')}: IRQs off)` : ''}`);
  return req;
}

/** Wait until every target of `req` took the IPI. */
function waitIpi(req: IpiRequest): Step {
  return req.waiting.size > 0 ? waitIpiSlow(req) : DONE;
}

function* waitIpiSlow(req: IpiRequest): Step {
  while (req.waiting.size > 0) yield BLOCKED;
}

/**
 * `tlb_remove_table_sync_one()`: an IPI to every CPU and wait, which waits for every IRQs-off
 * section; a no-op without MMU_GATHER_RCU_TABLE_FREE (the asm-generic stub).
 */
export function* tlb_remove_table_sync_one(): Step {
  const w = current();
  if (!w.decl.MMU_GATHER_RCU_TABLE_FREE) {
    w.record('tlb_remove_table_sync_one() (no-op without MMU_GATHER_RCU_TABLE_FREE)');
    return;
  }
  const req = sendIpi('tlb_remove_table_sync_one()', null);
  yield* waitIpi(req);
}

/** What an arch's invalidation does (`arch_invalidate()`). */
export interface Invalidation {
  /** Non-leaf (paging-structure / walk cache) entries too, not only leaf TLB entries. */
  walkCache: boolean;
  /** IPI (or SBI/hypercall-flush) lazy-TLB CPUs too; broadcast invalidation reaches them anyway. */
  includeLazy: boolean;
}

/**
 * Invalidate virtual pages `[vpnStart, vpnEnd)` of the mm as the arch's flush does: locally,
 * then on the CPUs its transport reaches (see the module comment), waiting for IPIs. The walk
 * cache entries of the slots the range covers go too when `how.walkCache`.
 */
export function* arch_invalidate(vpnStart: number, vpnEnd: number, how: Invalidation, what: ActionText = 'flush_tlb_range'): Step {
  const w = current();
  const per = w.cfg.geometry.ptesPerTable;
  // A range past the mm's last page (flush_tlb_mm's whole address space) ends there.
  vpnEnd = Math.min(vpnEnd, w.cfg.geometry.slots * per);
  vpnStart = Math.min(vpnStart, vpnEnd);
  const slotStart = Math.floor(vpnStart / per);
  let slotEnd = slotStart;
  while (slotEnd * per < vpnEnd) slotEnd++;
  const flush: FlushRange = { vpnStart, vpnEnd, slotStart, slotEnd, freedTables: how.walkCache };
  invalidate(w.cur, flush);
  const label = (): string => `${textOf(what)}(${vpnStart < vpnEnd ? `vpn ${vpnStart}..${vpnEnd - 1}` : 'empty range'}${how.walkCache ? ', walk cache' : ', leaf only'})`;
  const transport = w.decl.flushTransport;
  if (transport === 'broadcast') {
    for (const t of w.tasks) invalidate(t, flush);
    w.record(() => `${label()}: broadcast (no IPI)`);
    return;
  }
  const reached = (t: Actor): boolean => w.cpumask.has(t.id) && (how.includeLazy || t.mode !== 'lazy');
  if (transport === 'ipi') {
    const missed = w.tasks.filter((t) => t !== w.cur && !reached(t)).map((t) => `${t.name} (${t.mode === 'lazy' ? 'lazy' : 'not in mm_cpumask'})`);
    const req = sendIpi(() => `${label()}${missed.length ? `, skips ${missed.join(', ')}` : ''}`, flush, reached);
    yield* waitIpi(req);
    return;
  }
  for (const t of w.tasks) if (reached(t)) invalidate(t, flush);
  w.record(() => `${label()}: ${transport} to mm_cpumask (no IPI)`);
}

/**
 * The generic flush of virtual pages `[vpnStart, vpnEnd)`, walk caches too when `freedTables`,
 * every CPU of mm_cpumask: what the model's mm code uses where no arch hook decides.
 */
export function* flush_tlb_range(vpnStart: number, vpnEnd: number, freedTables: boolean, what: ActionText = 'flush_tlb_range'): Step {
  yield* arch_invalidate(vpnStart, vpnEnd, { walkCache: freedTables, includeLazy: true }, what);
  // v6.6+: an arch's flush ends with the secondary-TLB notifier (x86 flush_tlb_mm_range(), arm64 __flush_tlb_range()).
  const w = current();
  mmu_notifier_arch_invalidate_secondary_tlbs(w.mm, vpnStart, vpnEnd);
}

/** `flush_tlb_mm(mm)`: the arch's hook when it has one (arm64: ASIDE1IS, then the secondary TLBs). */
export function* flush_tlb_mm(): Step {
  const w = current();
  if (w.adapter.flush_tlb_mm) {
    yield* callHook(w.adapter.flush_tlb_mm(w.mm));
    return;
  }
  yield* flush_tlb_range(0, w.cfg.geometry.slots * w.cfg.geometry.ptesPerTable, true, 'flush_tlb_mm');
}
