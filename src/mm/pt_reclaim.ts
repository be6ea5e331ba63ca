/**
 * PT_RECLAIM (v6.14+): after MADV_DONTNEED zapped a table, free it if every entry is none.
 *
 * Two paths, both ending in `pte_free_tlb()` through the mmu_gather (the table was reachable by
 * RCU walkers):
 *  - the fast path, inside `zap_pte_range()` while it still holds the PTE ptl: when the scan
 *    cleared every entry without dropping the ptl, take the pmd lock by `spin_trylock()` and
 *    clear the pmd (v6.14 `try_get_and_clear_pmd()` in mm/pt_reclaim.c, S11; 2026
 *    `zap_empty_pte_table()` in mm/memory.c, S10), then free after the ptl is dropped
 *    (`free_pte()`);
 *  - the slow path, when the fast one was not possible (the ptl was dropped midway, the trylock
 *    failed): pmd_lock, map with rw_nolock, nested ptl, check every entry is none, clear the pmd
 *    (v6.14 `try_to_free_pte()`; 2026 `zap_pte_table_if_empty()`).
 *
 * Model simplifications: the zap always covers the whole table (`reclaim_pt_is_enabled()` /
 * `pte_table_reclaim_possible()` are the run's `reclaim` flag); `need_resched()` never breaks the
 * scan; only a `junk` entry (not a PTE) counts as "skipped" (the model's zap clears uffd-wp,
 * swap and poison entries rather than keeping markers).
 */
import type { MapHandle, Step } from '../model/actor';
import type { MmuGather } from '../model/gather';
import { PAGE_SIZE, type SpinLock } from '../model/types';
import { current } from '../model/world';
import { spin_lock, spin_lock_wait, spin_unlock } from '../kernel/sync';
import { callHook } from '../model/coroutine';
import { ptReclaimFastSameLock } from './era';
import { tlb_flush_pmd_range, tlb_set_freed_tables } from './mmu_gather';
import { pmd_pgtable, slotAddress, tableFreeing } from './memory';
import { checkDetachedEmpty, pmd_lock, pmd_lockptr, pmd_page_vaddr, pmd_same, pte_offset_map_nolock, pte_unmap, ptep_get } from './pgtable_generic';

/**
 * `zap_pte_range()`'s PT_RECLAIM locals: `can_reclaim_pt`, `direct_reclaim` and the `pmdval`
 * the fast path cleared.
 */
export interface PtReclaim {
  /** `can_reclaim_pt`: reclaim enabled for this zap and no entry skipped. */
  can: boolean;
  /** `direct_reclaim`: the ptl was never dropped midway (and, after the scan, the fast path cleared the pmd). */
  direct: boolean;
  /** The pmd value the fast path cleared (valid when `direct` after the scan). */
  pmdval: number;
}

/** The PT_RECLAIM state of one `zap_pte_range()` call: `reclaim_pt_is_enabled()` and `direct_reclaim = true`. */
export function ptReclaimStart(enabled: boolean): PtReclaim {
  return { can: enabled, direct: true, pmdval: 0 };
}

/**
 * The end of one locked scan of `zap_pte_range()`, ptl still held: a scan that broke off (a full
 * page batch: `force_break`) clears `direct_reclaim`; a scan that reached the end with
 * `direct_reclaim` still set tries the fast path.
 */
export function ptReclaimScanEnd(r: PtReclaim, h: MapHandle, slot: number, brokeOff: boolean, reachedEnd: boolean): void {
  const w = current();
  // Broken on purpose (fixtures/broken/pt-reclaim-fast-after-retry.ts): keep direct_reclaim
  // although the ptl is dropped and retaken, so the fast path trusts entries it did not recheck.
  if (brokeOff && !w.decl.mm?.ptReclaimFastAfterRetry) r.direct = false;
  if (r.can && r.direct && reachedEnd) r.direct = try_get_and_clear_pmd(slot, h.ptl, r);
}

/**
 * v6.14 `try_get_and_clear_pmd(mm, pmd, &pmdval)` (mm/pt_reclaim.c, S11) / 2026
 * `zap_empty_pte_table(mm, pmd, ptl, &pmdval)` (mm/memory.c, S10), called with the PTE ptl held:
 * the lock order is ptl then pml, the reverse of the usual, hence `spin_trylock(pml)`. When the
 * ptl is the pmd lock, v6.14 trylocks it anyway (and fails: it is held); 2026 proceeds.
 */
export function try_get_and_clear_pmd(slot: number, ptl: SpinLock, r: PtReclaim): boolean {
  const w = current();
  const pml = pmd_lockptr();
  const separate = pml !== ptl;
  if (!separate && !ptReclaimFastSameLock(w.adapter.era)) {
    w.record(`spin_trylock(${pml.name}) failed: it is the held ptl`, pml.name);
    return false;
  }
  if (separate) {
    if (pml.holder !== null) {
      w.record(`spin_trylock(${pml.name}) failed`, pml.name);
      return false;
    }
    spin_lock(pml, 'spin_trylock');
  }
  r.pmdval = w.mm.pmds[slot]!;
  checkDetachedEmpty(slot, pmd_page_vaddr(r.pmdval));
  w.mm.pmds[slot] = 0;
  const table = w.ptName(pmd_page_vaddr(r.pmdval));
  w.record(() => `pt_reclaim fast path: pmd_clear(pmd${slot}) (${table})`, table);
  if (separate) spin_unlock(pml);
  return true;
}

/**
 * `free_pte(mm, addr, tlb, pmdval)` (v6.14; inline in 2026's `zap_pte_range()`):
 * `pte_free_tlb(tlb, pmd_pgtable(pmdval), addr)` = `tlb_flush_pmd_range` + `freed_tables` + the
 * arch's `__pte_free_tlb`, then `mm_dec_nr_ptes()`.
 */
export function* free_pte(tlb: MmuGather, slot: number, pmdval: number): Step {
  const w = current();
  tableFreeing(pmd_page_vaddr(pmdval));
  const pg = pmd_pgtable(pmdval);
  tlb_flush_pmd_range(tlb, slotAddress(slot), PAGE_SIZE);
  tlb_set_freed_tables(tlb);
  yield* callHook(w.adapter.__pte_free_tlb(tlb, pg, slotAddress(slot)));
  w.mm.nr_ptes--;
}

/**
 * The tail of `zap_pte_range()` once the whole range is zapped and the ptl dropped: with
 * `can_reclaim_pt`, free the table the fast path cleared, else try the slow path.
 */
export function* ptReclaimFinish(tlb: MmuGather, slot: number, r: PtReclaim): Step {
  if (!r.can) return;
  if (r.direct) return yield* free_pte(tlb, slot, r.pmdval);
  yield* try_to_free_pte(tlb, slot);
}

/** `try_to_free_pte(mm, pmd, addr, tlb)` (v6.14) / `zap_pte_table_if_empty()` + the free (2026): the slow path. */
export function* try_to_free_pte(tlb: MmuGather, slot: number): Step {
  const w = current();
  const pml = yield* pmd_lock();
  const h = yield* pte_offset_map_nolock(slot, 'rw_nolock');
  if (!h) {
    spin_unlock(pml);
    return;
  }
  if (h.ptl !== pml) yield* spin_lock_wait(h.ptl, 'spin_lock_nested');
  let freed = false;
  // The kernel has no pmd_same recheck here (pml is held, the pmd cannot change): it always holds.
  if (pmd_same(h.pmdval, w.mm.pmds[slot]!)) {
    let empty = true;
    for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) if (ptep_get(h, i).k !== 'none') empty = false;
    if (empty) {
      checkDetachedEmpty(slot, h.va);
      w.mm.pmds[slot] = 0;
      const table = w.ptName(h.va);
      w.record(() => `pt_reclaim: pmd_clear(pmd${slot}) (${table})`, table);
      freed = true;
    }
  }
  if (h.ptl !== pml) spin_unlock(h.ptl);
  pte_unmap(h);
  spin_unlock(pml);
  if (freed) {
    yield;
    yield* free_pte(tlb, slot, h.pmdval);
  }
}
