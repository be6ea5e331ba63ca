/**
 * powerpc CONFIG_DEBUG_VM `assert_pte_locked(mm, addr)` (arch/powerpc/mm/pgtable.c, v6.6 with
 * Hugh Dickins' "[PATCH v3 04/13 fix] powerpc: assert_pte_locked() use pte_offset_map_nolock():
 * fix", S2:861-956): re-walk to the pmd; return on `pmd_none()` (anon collapse's `ptep_clear()`
 * runs after `pmdp_collapse_flush()` cleared it, C-RM-12); else map with
 * `pte_offset_map_nolock()`, BUG if that fails, and assert that the ptl is held. The pgd/p4d/pud
 * levels of the walk (BUG_ON on none) are always present in the model.
 */
import { assert_spin_locked, BUG_ON, pmd_none, pmdp_get, pte_offset_map_nolock, pte_unmap, type Mm } from '../../src/kernel';

/** The fixed `assert_pte_locked()` (v6.6 and later). */
export function assert_pte_locked(mm: Mm, slot: number, _index: number): void {
  /*
   * khugepaged to collapse normal pages to hugepage, first set pmd to none to force page
   * fault/gup to take mmap_lock. After pmd is set to none, we do a pte_clear which does this
   * assertion so if we find pmd none, return.
   */
  if (pmd_none(pmdp_get(mm, slot))) return;
  const pte = pte_offset_map_nolock(mm, slot);
  BUG_ON(pte === null, 'assert_pte_locked: BUG_ON(!pte)');
  if (pte === null) return;
  assert_spin_locked(pte.ptl);
  pte_unmap(pte);
}
