/**
 * What changed in the generic kernel code between eras (shared/domain/kernel-eras.md,
 * docs/kernel-notes/generic.md). Every era-dependent branch of `src/mm` asks one of these.
 *
 * v6.5 and v6.6 are distinct eras: Hugh Dickins' "mm: allow pte_offset_map[_lock]() to fail"
 * merged for v6.5 (pte_offset_map may return NULL; its comment says "rcu_read_lock() to be added
 * later"), his "mm: free retracted page table by RCU" for v6.6 (v3 posted 2023-07-11, after
 * v6.5-rc1).
 */
import { eraAtLeast, type Era, type MmVariant } from '../adapter/types';

/**
 * v6.6+: `pte_offset_map*()` take rcu_read_lock and `pte_unmap()` drops it ("mm/pgtable: add
 * rcu_read_lock() and rcu_read_unlock()s", v3 01/13 of the v6.6 series; v6.5's
 * `__pte_offset_map()` only says "rcu_read_lock() to be added later"). The IRQs-off two-half pmd
 * read under it ("mm/pgtable: add PAE safety to __pte_offset_map()", 02/13) is v6.6 too.
 */
export function pteMapTakesRcu(era: Era): boolean {
  return eraAtLeast(era, 'v6.6');
}

/**
 * v6.6+: khugepaged retracts file tables under i_mmap_lock_read and frees them with
 * pte_free_defer(); collapse_pte_mapped_thp() under mmap_read_lock (v3 08/13..11/13).
 * v6.5's own retract_page_tables() (mmap_write_trylock + pte_free, collapse under
 * mmap_write_lock) is not modelled: a v6.5 (or 2012) adapter gets no khugepaged/collapse ops
 * and its pte_free_defer(), if any, is never called (docs/ADAPTERS.md "Eras").
 */
export function retractWithDefer(era: Era): boolean {
  return eraAtLeast(era, 'v6.6');
}

/**
 * v6.5+: khugepaged's anon collapse_huge_page() is modelled in its v6.6 shape (mmap write lock,
 * pmdp_collapse_flush() under the pmd lock, tlb_remove_table_sync_one() since v6.1's "mm/khugepaged:
 * fix GUP-fast interaction by sending IPI", deposit of the old table); 2012 adapters do not get it.
 */
export function anonCollapse(era: Era): boolean {
  return eraAtLeast(era, 'v6.5');
}

/** v6.6+: UFFDIO_POISON (Axel Rasmussen, "mm: userfaultfd: add new UFFDIO_POISON ioctl", Aug 2023). */
export function uffdPoison(era: Era): boolean {
  return eraAtLeast(era, 'v6.6');
}

/** v6.2+ (all modelled eras but 2012): zap delays the rmap of dirty file pages until after the flush. */
export function zapDelaysRmap(era: Era): boolean {
  return eraAtLeast(era, 'v6.5');
}

/** v6.14+: without MMU_GATHER_TABLE_FREE, tlb_remove_table() = pagetable_dtor() + tlb_remove_page(). */
export function tlbRemoveTableHasDtor(era: Era): boolean {
  return eraAtLeast(era, 'v6.14');
}

/** v6.14+: the generic `__tlb_remove_table()` is `pagetable_dtor_free()` unless the arch has its own. */
export function genericTlbRemoveTable(era: Era): boolean {
  return eraAtLeast(era, 'v6.14');
}

/**
 * What `tlb_remove_table_one()` does when the table batch page cannot be allocated:
 * `ipi` (2012..v6.13, and v6.14/v6.15 without PT_RECLAIM): tlb_remove_table_sync_one() + immediate free;
 * `rcu` (v6.14+ with PT_RECLAIM): call_rcu on the ptdesc's pt_rcu_head;
 * `sync_rcu` (2026 without PT_RECLAIM): synchronize_rcu() + immediate free.
 */
export function removeTableOne(era: Era, ptReclaim: boolean): 'ipi' | 'rcu' | 'sync_rcu' {
  if (eraAtLeast(era, 'v6.14') && ptReclaim) return 'rcu';
  if (era === '2026') return 'sync_rcu';
  return 'ipi';
}

/**
 * Whether the batch-allocation fallback invalidates the TLB before freeing: not in 2012
 * (fixed in 2020 by "mm/mmu_gather: invalidate TLB correctly on batch allocation failure and
 * flush"; B39), yes from then on (v6.5 and every later era).
 */
export function fallbackInvalidates(era: Era): boolean {
  return eraAtLeast(era, 'v6.5');
}

/**
 * 2026 (linux-mm S10, "PT_RECLAIM folded into memory.c", E9): the zap fast path
 * `zap_empty_pte_table()` proceeds when the PTE ptl is the pmd lock (it is already held); v6.14's
 * `try_get_and_clear_pmd()` (mm/pt_reclaim.c, S11) always `spin_trylock()`s the pmd lock, which
 * fails when it is the held ptl, so unsplit ptlocks always take the slow path there.
 */
export function ptReclaimFastSameLock(era: Era): boolean {
  return eraAtLeast(era, '2026');
}

/**
 * v6.6+: secondary TLBs (SVA IOMMUs) are invalidated by arch flush code calling
 * `mmu_notifier_arch_invalidate_secondary_tlbs()` (Alistair Popple, Jul 2023, docs/kernel-notes
 * generic.md E5); before, by `->invalidate_range()` from `mmu_notifier_invalidate_range_end()` and
 * `tlb_flush_mmu_tlbonly()`. `MmVariant.retractNoNotifier` (B22) is v1 of "free retracted page
 * table by RCU", posted on v6.4: it keeps the older notifiers whatever the adapter's era.
 */
export function secondaryTlbsFromArchFlush(era: Era, mm: MmVariant | undefined): boolean {
  return eraAtLeast(era, 'v6.6') && !mm?.retractNoNotifier;
}

/**
 * Whether munmap downgrades the mmap lock to read before the zap and free_pgtables (v4.20+,
 * Yang Shi's "mm: mmap: zap pages with read mmap_sem in munmap"): every modelled era but 2012,
 * where the whole munmap runs under the write lock.
 */
export function munmapDowngrades(era: Era): boolean {
  return eraAtLeast(era, 'v6.5');
}

/**
 * Whether exit_mmap() takes the mmap lock (v6.0+: read for the unmap, then write for
 * free_pgtables and the VMA removal); 2012's exit_mmap() took none (nobody else could reach
 * the mm once mm_users was 0).
 */
export function exitMmapLocks(era: Era): boolean {
  return eraAtLeast(era, 'v6.5');
}

/**
 * v4.13+ (Minchan Kim's "mm: fix MADV_[FREE|DONTNEED] TLB flush miss problem", 99baac21e458;
 * "mm: mmu_gather: remove __tlb_reset_range() for force flush", 7a30df49f63a, v5.2, for the
 * freed_tables part): `tlb_finish_mmu()` turns a gather that overlapped another gather of the
 * same mm (`mm_tlb_flush_nested()`) into a fullmm flush with `freed_tables` set. Every
 * modelled era but 2012.
 */
export function tlbFinishFlushesNested(era: Era): boolean {
  return eraAtLeast(era, 'v6.5');
}
