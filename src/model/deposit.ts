/**
 * Model state of THP page-table deposit (`pmd_huge_pte`): the table deposited under each huge
 * pmd, and the pte_offset_map handles whose table was deposited after they mapped it (a later
 * non-none read through such a handle is a stale view, B33). Behaviour lives in
 * src/mm/huge_memory.ts; this module only holds the state, so that pgtable_generic.ts's
 * `ptep_get()` can consult it without an import cycle.
 */
import type { PgtableT } from '../adapter/types';
import type { MapHandle } from './actor';
import type { Mm } from './mm';

/** `pmd_huge_pte(mm, pmd)` per pmd slot: the deposited pgtable_t (one per huge pmd in the model). */
const deposited = new WeakMap<Mm, Map<number, PgtableT>>();

/** The deposit map of `mm`. */
export function depositsOf(mm: Mm): Map<number, PgtableT> {
  let m = deposited.get(mm);
  if (!m) {
    m = new Map();
    deposited.set(mm, m);
  }
  return m;
}

/** Handles that still map a table which was deposited (unlinked and kept for reuse) after they mapped it. */
const stale = new WeakSet<MapHandle>();

/** Mark `h` as mapping a table that has since been deposited. */
export function markStale(h: MapHandle): void {
  stale.add(h);
}

/** Whether `h` maps a table deposited after it was mapped (whatever it reads now postdates its snapshot). */
export function isStale(h: MapHandle): boolean {
  return stale.has(h);
}
