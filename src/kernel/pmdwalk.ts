/**
 * Re-walks from arch debug code (powerpc DEBUG_VM `assert_pte_locked()`): read a pmd, map its
 * table with `pte_offset_map_nolock()`, and `assert_spin_locked()` the ptl. Adapter code calls
 * these through their faces (`./faces.ts`).
 */
import type { MapHandle, Step } from '../model/actor';
import type { Mm } from '../model/mm';
import type { SpinLock } from '../model/types';
import { current } from '../model/world';
import * as g from '../mm/pgtable_generic';

/** `pmdp_get(pmd)`: the raw value of the pmd of `slot`. */
export function pmdp_get(mm: Mm, slot: number): number {
  const v = mm.pmds[slot]!;
  current().record(() => `pmdp_get(pmd${slot}) = ${g.pmdKind(v)}`);
  return v;
}

/** `pmd_none(pmdval)`. */
export function pmd_none(pmdval: number): boolean {
  return pmdval === 0;
}

/** `pte_offset_map_nolock(mm, pmd, addr, &ptl)` from arch code: the handle carries the ptl; NULL on a non-table pmd. */
export function pte_offset_map_nolock_step(mm: Mm, slot: number): Step<MapHandle | null> {
  void mm;
  return g.pte_offset_map_nolock(slot, 'nolock');
}

/** `assert_spin_locked(ptl)`: a kernel BUG unless some task holds it. */
export function assert_spin_locked(ptl: SpinLock): void {
  if (ptl.holder === null) current().violate('C-BUG', `kernel BUG: assert_spin_locked(${ptl.name}) with the lock free`);
}
