/**
 * Helpers for the arch adapter unit tests (issue 3): a World with PTE tables in every slot,
 * the table page of a slot, running a blocking mm path to completion from a test, draining RCU,
 * a small checkAdapter wrapper, and the per-era checks of where the PTE dtor runs that several
 * arches share.
 */
import { runToEnd } from '../../src/model/coroutine';
import type { Adapter } from '../../src/adapter/types';
import { checkAdapter } from '../../src/check/checkAdapter';
import type { Step } from '../../src/model/actor';
import type { MmuGather } from '../../src/model/gather';
import type { Page } from '../../src/model/types';
import type { World } from '../../src/model/world';
import { expect } from '@jest/globals';
import { tlb_finish_mmu, tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { free_pgtables, slotAddress } from '../../src/mm/memory';
import { pmd_page_vaddr } from '../../src/mm/pgtable_generic';
import { arch_flush_tlb_range, arch_tlb_flush } from '../../src/mm/context';
import { PROPERTIES } from '../../properties';
import { inWorld, quietScenario } from '../helpers';
import type { Scenario } from '../../src/engine/scenario';

/** A quiet scenario whose slots all hold an (empty) PTE table. */
export function tablesScenario(over: Partial<Scenario> = {}): Scenario {
  const sc = quietScenario(over);
  return { ...sc, slots: sc.slots.map((s) => ({ ...s, table: true })), ...over };
}

/** The table page linked at `slot`. */
export function tableOf(w: World, slot: number): Page {
  const raw = w.mm.pmds[slot]!;
  const p = w.pageOfVa(pmd_page_vaddr(raw));
  if (!p) throw new Error(`no table at pmd${slot}`);
  return p;
}

/** Run a blocking mm path to completion (nothing else runs in a unit test; BLOCKED would spin). */
export function finish<T>(g: Step<T>, limit = 1000): T {
  for (let i = 0; i < limit; i++) {
    const r = g.next();
    if (r.done) return r.value;
  }
  throw new Error('path did not finish (blocked?)');
}

/** `tlb_finish_mmu(tlb)` to completion. */
export function finishGather(tlb: MmuGather): void {
  finish(tlb_finish_mmu(tlb));
}

/** Run the RCU engine until no callback or grace period is pending. */
export function drainRcu(w: World): void {
  const eng = w.rcu.engine();
  for (let i = 0; i < 100 && !w.rcu.idle(); i++) eng.next();
  if (!w.rcu.idle()) throw new Error('RCU did not go idle');
}

/** Whether `page` sits in the gather's page batch (tlb_remove_page). */
export function inPageBatch(tlb: MmuGather, page: Page): boolean {
  return tlb.batches.flat().some((e) => e.page === page);
}

/** Whether `page` sits in the gather's RCU table batch (tlb_remove_table with MMU_GATHER_TABLE_FREE). */
export function inTableBatch(tlb: MmuGather, page: Page): boolean {
  return (tlb.batch?.tables ?? []).includes(page);
}

/** The failing contracts of checkAdapter(adapter, every property). */
export function failingContracts(adapter: Adapter, runs: number, seed: number): { failed: string[]; asExpected: boolean } {
  const { result } = checkAdapter(adapter, PROPERTIES, { runs, seed, adapterRef: adapter.name });
  return { failed: result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).sort(), asExpected: result.asExpected };
}

/**
 * How many dtors `a.__pte_free_tlb` runs itself: the hook is run on the v6.13 generic code,
 * whose !MMU_GATHER_TABLE_FREE `tlb_remove_table()` has no dtor, so a dtor left is the arch's.
 */
export function archDtors(a: Adapter): number {
  return inWorld({ ...a, era: 'v6.13' }, (w) => {
    const t = tableOf(w, 0);
    const tlb = tlb_gather_mmu(w.mm, false);
    runToEnd(a.__pte_free_tlb(tlb, t, slotAddress(0)));
    return t.dtorCount;
  }, tablesScenario());
}

/**
 * `a.__pte_free_tlb` on the table of slot 0 runs the dtor at once and queues the page in the
 * mmu_gather's page batch (no RCU table free: freed after the flush); `more` checks the World
 * and the gather further.
 */
export function expectDtorAtUnlinkInPageBatch(a: Adapter, more: (w: World, tlb: MmuGather) => void = () => {}): void {
  inWorld(a, (w) => {
    const t = tableOf(w, 0);
    const tlb = tlb_gather_mmu(w.mm, false);
    runToEnd(a.__pte_free_tlb(tlb, t, slotAddress(0)));
    expect(t.dtorCount).toBe(1);
    expect(inPageBatch(tlb, t)).toBe(true);
    more(w, tlb);
  }, tablesScenario());
}

/**
 * Before v6.14 (arm LPAE, arm64): free_pgtables runs the dtor in `__pte_free_tlb`, at unlink
 * time, and queues the page in the RCU table batch; it is still a table after the flush, and the
 * arch `__tlb_remove_table` frees it with free_page_and_swap_cache after the grace period.
 */
export function expectDtorAtUnlinkSwapCacheFreeAfterGracePeriod(a: Adapter): void {
  inWorld(a, (w) => {
    const t = tableOf(w, 0);
    const tlb = tlb_gather_mmu(w.mm, false);
    finish(free_pgtables(tlb, 0));
    expect(t.dtorCount).toBe(1);
    expect(inTableBatch(tlb, t)).toBe(true);
    finishGather(tlb);
    expect(t.use).toBe('table');
    drainRcu(w);
    expect(t.use).toBe('free');
    expect(w.trace.some((e) => e.action.startsWith('free_page_and_swap_cache('))).toBe(true);
    expect(w.violations).toEqual([]);
  }, tablesScenario());
}

/**
 * From v6.14 (Qi Zheng's series): free_pgtables queues the page in the RCU table batch without a
 * dtor; the generic `__tlb_remove_table()` runs the dtor (`pagetable_dtor`) and frees the page
 * (`pagetable_free`) after the grace period.
 */
export function expectDtorAfterGracePeriod(a: Adapter): void {
  inWorld(a, (w) => {
    const t = tableOf(w, 0);
    const tlb = tlb_gather_mmu(w.mm, false);
    finish(free_pgtables(tlb, 0));
    expect(t.dtorCount).toBe(0);
    expect(inTableBatch(tlb, t)).toBe(true);
    finishGather(tlb);
    expect(t.dtorCount).toBe(0);
    expect(t.use).toBe('table');
    drainRcu(w);
    expect(t.dtorCount).toBe(1);
    expect(t.use).toBe('free');
    expect(w.trace.some((e) => e.action.startsWith('pagetable_dtor('))).toBe(true);
    expect(w.trace.some((e) => e.action.startsWith('pagetable_free('))).toBe(true);
    expect(w.violations).toEqual([]);
  }, tablesScenario());
}

/**
 * What the arch's `tlb_flush()` (a gather over `[start, end)`, `freed_tables`, `fullmm`) or
 * `flush_tlb_range(start, end, huge)` invalidated: each `arch_invalidate()` as
 * `vpn a..b, walk cache|leaf only`, and the whole trace lines for the transport.
 */
export function archFlushes(
  w: World, what: { tlb_flush: { start: number; end: number; freed_tables?: boolean; fullmm?: boolean } } | { flush_tlb_range: { start: number; end: number; huge: boolean } },
): { ranges: string[]; lines: string[] } {
  const from = w.trace.length;
  if ('tlb_flush' in what) {
    const o = what.tlb_flush;
    const tlb = tlb_gather_mmu(w.mm, o.fullmm ?? false);
    tlb.start = o.start;
    tlb.end = o.end;
    tlb.freed_tables = o.freed_tables ?? false;
    finish(arch_tlb_flush(tlb));
  } else {
    const o = what.flush_tlb_range;
    finish(arch_flush_tlb_range(o.start, o.end, o.huge));
  }
  const lines = w.trace.slice(from).map((e) => e.action).filter((x) => /^flush_tlb_range\(vpn \d+\.\.\d+, (walk cache|leaf only)\)/.test(x));
  return { ranges: lines.map((x) => /^flush_tlb_range\((vpn \d+\.\.\d+, (?:walk cache|leaf only))\)/.exec(x)![1]!), lines };
}

/** `vpn 0..last, walk cache`: a flush of the whole mm (flush_tlb_mm, a new ASID). */
export function wholeMm(w: World): string {
  return `vpn 0..${w.cfg.geometry.slots * w.cfg.geometry.ptesPerTable - 1}, walk cache`;
}

/**
 * The asm-generic `tlb_flush()` of arch/generic/tlb.ts over a software-refilled TLB (loongarch,
 * mips, sh): `freed_tables` changes nothing, fullmm flushes the whole mm, a page range is flushed
 * page by page, every flush drops what is cached of the address; the transport's trace matches
 * `transport`.
 */
export function expectAsmGenericSoftTlbFlush(a: Adapter, transport: RegExp): void {
  inWorld(a, (w) => {
    const per = w.cfg.geometry.ptesPerTable;
    expect(archFlushes(w, { tlb_flush: { start: 0, end: 2 } }).ranges).toEqual(['vpn 0..1, walk cache']);
    expect(archFlushes(w, { tlb_flush: { start: 0, end: 2, freed_tables: true } }).ranges).toEqual(['vpn 0..1, walk cache']);
    expect(archFlushes(w, { tlb_flush: { start: 0, end: 2, fullmm: true } }).ranges).toEqual([wholeMm(w)]);
    expect(archFlushes(w, { flush_tlb_range: { start: per, end: 2 * per, huge: true } }).ranges).toEqual([`vpn ${per}..${2 * per - 1}, walk cache`]);
    const pages = archFlushes(w, { flush_tlb_range: { start: 2, end: 4, huge: false } });
    expect(pages.ranges).toEqual(['vpn 2..2, walk cache', 'vpn 3..3, walk cache']);
    for (const line of pages.lines) expect(line).toMatch(transport);
  });
}
