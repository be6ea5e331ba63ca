/**
 * The pte_offset_map family for arch code running inside a hook (mips __update_tlb, arm
 * show_pte, ...), called through their preemption-point faces (`./faces.ts`): the generic
 * implementation takes its own steps. A NULL result must be handled by the caller:
 * `ptep_get(NULL)` is a NULL dereference (C-MAP-9).
 */
import type { MapHandle, Step } from '../model/actor';
import type { Mm } from '../model/mm';
import { PTE_NONE, type Pte } from '../model/types';
import { current } from '../model/world';
import * as g from '../mm/pgtable_generic';
import { pmd_page_vaddr, pmdKind } from '../model/pmd';
import { checkHighmemAccess } from '../model/highmem';

/** `pte_offset_map(pmd, address)` from adapter code: the generic implementation's steps. */
export function pte_offset_map_step(mm: Mm, slot: number): Step<MapHandle | null> {
  void mm;
  return g.pte_offset_map(slot);
}

/** `pte_offset_map(&pmd, address)` of a stack copy `pmdval` of the pmd of `slot` (sparc64 tlb_batch_pmd_scan). */
export function pte_offset_map_copy_step(mm: Mm, slot: number, pmdval: number): Step<MapHandle | null> {
  void mm;
  return g.__pte_offset_map(slot, 'map', pmdval);
}

/** `pte_unmap(pte)`. */
export function pte_unmap(pte: MapHandle): void {
  g.pte_unmap(pte);
}

/** `ptep_get(pte + index)`: dereferencing NULL is reported (C-MAP-9). */
export function ptep_get(pte: MapHandle | null, index: number): Pte {
  const w = current();
  if (pte === null) {
    w.violate('C-MAP-9', `${w.cur.name} dereferenced a NULL result of pte_offset_map (${w.cur.op})`);
    return PTE_NONE;
  }
  return g.ptep_get(pte, index);
}

/**
 * `pte_offset_kernel(pmd, address)`: the table's direct-map address (`pmd_page_vaddr()`), with
 * no RCU and no kmap: meant for kernel page tables (C-MAP-10). On a user table from highmem
 * there is no such address (C-HP-1). Returns the table address, or null when the pmd is not a
 * table.
 */
export function pte_offset_kernel(mm: Mm, slot: number): number | null {
  const w = current();
  const raw = mm.pmds[slot]!;
  if (pmdKind(raw) !== 'table') return null;
  const va = pmd_page_vaddr(raw);
  const page = w.pageOfVa(va)!;
  w.record(() => `pte_offset_kernel(pmd${slot}) = ${w.ptName(va)}`, w.ptName(va));
  checkHighmemAccess(w, page, false, `pte_offset_kernel(pmd${slot})`);
  return va;
}
