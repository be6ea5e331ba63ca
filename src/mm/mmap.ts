/**
 * Whole operations on the address space: munmap (detach, zap, free_pgtables), MADV_DONTNEED
 * (zap, and PT_RECLAIM from v6.14), and exit_mmap (the teardown every run ends with). New
 * mappings are src/mm/mmap_region.ts, mremap src/mm/mremap.ts.
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { checkPageTableCheck } from '../model/monitors';
import { callHook } from '../model/coroutine';
import type { Vma } from '../model/mm';
import { exitMmapLocks, munmapDowngrades } from './era';
import { vma_start_write, vmaInIMmap } from './vma_lock';
import { i_mmap_lock_write, i_mmap_unlock_write, mmap_read_lock, mmap_read_unlock, mmap_write_downgrade, mmap_write_lock, mmap_write_unlock } from './locking';
import { free_pgtables, pmdRange, zap_pte_range } from './memory';
import { free_pmd_table } from './pgd_range';
import { zap_huge_pmd } from './huge_memory';
import { mm_has_notifiers, mmu_notifier_invalidate_range_end, mmu_notifier_invalidate_range_start, mmu_notifier_release } from './mmu_notifier';
import { tlb_finish_mmu, tlb_gather_mmu } from './mmu_gather';
import { pmdKind } from './pgtable_generic';
import { ptReclaimFinish, ptReclaimStart } from './pt_reclaim';
import { checkPgdFree } from '../kernel/xen';

/**
 * munmap of the VMA of `slot` (mm/mmap.c `do_vmi_align_munmap()` v6.5, mm/vma.c
 * `vms_gather_munmap_vmas()` + `vms_complete_munmap_vmas()` v6.12..2026): mmap write lock,
 * `vma_start_write()` and detach from the mm's VMA tree, `mmap_write_downgrade()` (v4.20+, "mm:
 * mmap: zap pages with read mmap_sem in munmap"; the 2012 era keeps the write lock), then
 * `unmap_region()`: zap, `free_pgtables()` (which unlinks the file VMA from `i_mmap` before
 * freeing the tables), `tlb_finish_mmu()`.
 */
export function* do_munmap(slot: number): Step {
  const w = current();
  yield* mmap_write_lock();
  const vma = w.mm.vmas[slot]!;
  if (!vma.attached) {
    w.record('munmap: no VMA');
    mmap_write_unlock();
    return;
  }
  detach_vma(vma);
  yield;
  const downgrade = munmapDowngrades(w.adapter.era);
  if (downgrade) mmap_write_downgrade();
  yield* unmap_region(vma);
  if (downgrade) mmap_read_unlock();
  else mmap_write_unlock();
}

/**
 * `vma_start_write()` and the removal of the VMA from the mm's VMA tree (`vma_iter_clear()`,
 * `vma_mark_detached()`), under the mmap write lock. The file VMA stays in `i_mmap` until
 * `free_pgtables()` (`unlink_file_vma()`).
 */
export function detach_vma(vma: Vma): void {
  const w = current();
  vma_start_write(vma);
  vma.attached = false;
  w.record(() => `detach VMA of pmd${vma.slot} from the mm's VMA tree`);
}

/**
 * `unmap_region()` of one detached VMA: zap its range, then `free_pgtables()`, whose
 * `unlink_file_vma()` (v6.11+ `unlink_file_vma_batch_add()`) removes a file VMA from `i_mmap`
 * under `i_mmap_lock_write()`, waiting for any rmap walker (retract_page_tables(),
 * try_to_unmap(), folio_mkclean()), before the tables are freed.
 */
export function* unmap_region(vma: Vma): Step {
  const w = current();
  const slot = vma.slot;
  const tlb = tlb_gather_mmu(w.mm, false);
  // unmap_vmas(): the notifier range brackets the zap (not free_pgtables()).
  const notify = mm_has_notifiers(w.mm);
  if (notify) mmu_notifier_invalidate_range_start(w.mm, ...pmdRange(slot));
  if (pmdKind(w.mm.pmds[slot]!) === 'huge') yield* zap_huge_pmd(slot, tlb);
  else yield* zap_pte_range(tlb, slot);
  if (notify) mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(slot));
  yield;
  yield* unlink_file_vma(vma);
  yield* free_pgtables(tlb, slot);
  vma.pgtablesFreed = true;
  yield* tlb_finish_mmu(tlb);
}

/** `unlink_file_vma(vma)`: remove a file VMA from `i_mmap` under `i_mmap_lock_write()`. */
export function* unlink_file_vma(vma: Vma): Step {
  const w = current();
  if (!vmaInIMmap(vma)) return;
  yield* i_mmap_lock_write();
  vma.iMmapUnlinked = true;
  w.record(() => `unlink_file_vma(pmd${vma.slot})`);
  i_mmap_unlock_write();
}

/** MADV_DONTNEED on the VMA of `slot`: zap under the mmap read lock; PT_RECLAIM frees the empty table. */
export function* madvise_dontneed(slot: number): Step {
  const w = current();
  yield* mmap_read_lock();
  const vma = w.mm.vmas[slot]!;
  if (vma.attached && w.mm.state === 'live') {
    const tlb = tlb_gather_mmu(w.mm, false);
    // zap_page_range_single(): the notifier range brackets unmap_single_vma(), before tlb_finish_mmu().
    const notify = mm_has_notifiers(w.mm);
    if (notify) mmu_notifier_invalidate_range_start(w.mm, ...pmdRange(slot));
    if (pmdKind(w.mm.pmds[slot]!) === 'huge') yield* zap_huge_pmd(slot, tlb);
    else {
      const reclaim = ptReclaimStart(w.cfg.reclaim);
      yield* zap_pte_range(tlb, slot, reclaim);
      yield* ptReclaimFinish(tlb, slot, reclaim);
    }
    if (notify) mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(slot));
    yield* tlb_finish_mmu(tlb);
  }
  mmap_read_unlock();
}

/**
 * exit_mmap(): mm_users → 0, unmap and free every table with a fullmm gather, arch teardown.
 * Lock modes by era (mm/mmap.c): 2012 takes no mmap lock at all; from v6.0 (Suren
 * Baghdasaryan's "mm: drop oom code from exit_mmap", kept through 2026) `arch_exit_mmap()` and
 * `unmap_vmas()` run under `mmap_read_lock()`, then `mmap_write_lock()` is taken for
 * `free_pgtables()` (which unlinks each file VMA from `i_mmap`), `tlb_finish_mmu()` and the
 * removal of the VMAs.
 */
export function* exit_mmap(): Step {
  const w = current();
  w.mm.users = 0;
  w.mm.state = 'exiting';
  // "mm's last user has gone, and its about to be pulled down": secondary MMUs let go first.
  mmu_notifier_release(w.mm);
  const locked = exitMmapLocks(w.adapter.era);
  if (locked) yield* mmap_read_lock();
  // arch_exit_mmap() runs before the unmap and free_pgtables (powerpc drops its fragment cache here).
  yield* callHook(w.adapter.arch_exit_mmap?.(w.mm));
  const tlb = tlb_gather_mmu(w.mm, true);
  for (const vma of w.mm.vmas) {
    if (pmdKind(w.mm.pmds[vma.slot]!) === 'huge') yield* zap_huge_pmd(vma.slot, tlb);
    else if (!vma.pgtablesFreed) yield* zap_pte_range(tlb, vma.slot);
  }
  if (locked) {
    mmap_read_unlock();
    yield* mmap_write_lock();
  }
  for (const vma of w.mm.vmas) {
    vma.attached = false;
    if (!vma.pgtablesFreed) {
      yield* unlink_file_vma(vma);
      yield* free_pgtables(tlb, vma.slot);
    }
    vma.pgtablesFreed = true;
  }
  // free_pgd_range()'s free_pmd_range(): the PMD table, once its PTE tables are gone.
  yield* free_pmd_table(tlb);
  yield* tlb_finish_mmu(tlb);
  // Every PTE of the mm is gone: page_table_check's per-page counts must be back to zero (C-GA-10).
  for (const p of w.filePages) checkPageTableCheck(w, p, 'still counted after exit_mmap');
  if (locked) mmap_write_unlock(true);
  w.mm.state = 'freed';
  w.record('mmdrop: mm freed');
  // __mmdrop() → mm_free_pgd() → pgd_free(): a Xen PV pgd must be unpinned by now (C-XEN-1).
  checkPgdFree(w, w.mm);
}
