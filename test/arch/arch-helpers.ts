/**
 * Helpers for the arch adapter unit tests (issue 3): a World with PTE tables in every slot,
 * the table page of a slot, running a blocking mm path to completion from a test, draining RCU,
 * and a small checkAdapter wrapper.
 */
import type { Adapter } from '../../src/adapter/types';
import { checkAdapter } from '../../src/check/checkAdapter';
import type { Step } from '../../src/model/actor';
import type { MmuGather } from '../../src/model/gather';
import type { Page } from '../../src/model/types';
import type { World } from '../../src/model/world';
import { tlb_finish_mmu, tlb_gather_mmu } from '../../src/mm/mmu_gather';
import { slotAddress } from '../../src/mm/memory';
import { pmd_page_vaddr } from '../../src/mm/pgtable_generic';
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
    a.__pte_free_tlb(tlb, t, slotAddress(0));
    return t.dtorCount;
  }, tablesScenario());
}
