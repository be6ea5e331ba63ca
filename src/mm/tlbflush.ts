/**
 * IRQ state, IPIs and TLB flush transports (contracts.md §1.8, §1.9).
 *
 * An IPI is taken at once by a CPU with IRQs enabled, and when it re-enables IRQs otherwise;
 * the sender waits (yields BLOCKED) until every target took it. Non-IPI transports (hardware
 * broadcast, hypercall, SBI) invalidate every CPU at once and synchronise with nobody.
 */
import { BLOCKED, DONE, type Actor, type FlushRange, type IpiRequest, type Step } from '../model/actor';
import { textOf, type ActionText } from '../model/trace';
import { current } from '../model/world';

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

/** Send an IPI to every other CPU; CPUs with IRQs enabled take it at once. */
function sendIpi(what: ActionText, flush: IpiRequest['flush']): IpiRequest {
  const w = current();
  const req: IpiRequest = { waiting: new Set(), flush };
  const late: string[] = [];
  for (const t of w.tasks) {
    if (t === w.cur) continue;
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

/**
 * Flush the TLB for virtual pages `[vpnStart, vpnEnd)` of the mm on every CPU, and the
 * paging-structure caches of `slots` when `freedTables`. The transport is the adapter's.
 */
export function* flush_tlb_range(vpnStart: number, vpnEnd: number, freedTables: boolean, what: ActionText = 'flush_tlb_range'): Step {
  const w = current();
  const per = w.cfg.geometry.ptesPerTable;
  const slotStart = Math.floor(vpnStart / per);
  let slotEnd = slotStart;
  while (slotEnd * per < vpnEnd) slotEnd++;
  const flush: FlushRange = { vpnStart, vpnEnd, slotStart, slotEnd, freedTables };
  invalidate(w.cur, flush);
  const label = (): string => `${textOf(what)}(vpn ${vpnStart}..${vpnEnd - 1}${freedTables ? ', freed_tables' : ''})`;
  if (w.decl.flushTransport === 'ipi') {
    const req = sendIpi(label, flush);
    yield* waitIpi(req);
  } else {
    for (const t of w.tasks) invalidate(t, flush);
    const transport = w.decl.flushTransport;
    w.record(() => `${label()}: ${transport} (no IPI)`);
  }
}

/** `flush_tlb_mm(mm)`. */
export function* flush_tlb_mm(): Step {
  const w = current();
  yield* flush_tlb_range(0, w.cfg.geometry.slots * w.cfg.geometry.ptesPerTable, true, 'flush_tlb_mm');
}
