/**
 * mm/pt_reclaim.c (v6.14, CONFIG_PT_RECLAIM): after MADV_DONTNEED zapped a table, free it if
 * every entry is none: pmd_lock, map with rw_nolock, nested ptl, pmd_same recheck, clear the
 * pmd, then `pte_free_tlb()` through the mmu_gather. The table was reachable by RCU walkers.
 */
import type { Step } from '../model/actor';
import type { MmuGather } from '../model/gather';
import { PAGE_SIZE } from '../model/types';
import { current } from '../model/world';
import { spin_lock_wait, spin_unlock } from '../kernel/sync';
import { callHook } from '../model/coroutine';
import { tlb_flush_pmd_range, tlb_set_freed_tables } from './mmu_gather';
import { pmd_pgtable, slotAddress, tableFreeing } from './memory';
import { pmd_lock, pmd_same, pte_offset_map_nolock, pte_unmap, ptep_get } from './pgtable_generic';

/** `try_to_free_pte(mm, pmd, addr, tlb)`. */
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
  if (pmd_same(h.pmdval, w.mm.pmds[slot]!)) {
    let empty = true;
    for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) if (ptep_get(h, i).k !== 'none') empty = false;
    if (empty) {
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
    w.mm.nr_ptes--;
    tableFreeing(h.va);
    const pg = pmd_pgtable(h.pmdval);
    tlb_flush_pmd_range(tlb, slotAddress(slot), PAGE_SIZE);
    tlb_set_freed_tables(tlb);
    yield* callHook(w.adapter.__pte_free_tlb(tlb, pg, slotAddress(slot)));
  }
}
