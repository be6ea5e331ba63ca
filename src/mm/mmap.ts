/**
 * Whole operations on the address space: munmap (detach, zap, free_pgtables), MADV_DONTNEED
 * (zap, and PT_RECLAIM from v6.14), and exit_mmap (the teardown every run ends with).
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { checkPageTableCheck } from '../model/monitors';
import { callHook } from '../model/coroutine';
import { i_mmap_lock_write, i_mmap_unlock_write, mmap_read_lock, mmap_read_unlock, mmap_write_downgrade, mmap_write_lock, mmap_write_unlock } from './locking';
import { free_pgtables, vpn, zap_pte_range } from './memory';
import { zap_huge_pmd } from './huge_memory';
import { mm_has_notifiers, mmu_notifier_invalidate_range_end, mmu_notifier_invalidate_range_start, mmu_notifier_release } from './mmu_notifier';
import { tlb_finish_mmu, tlb_gather_mmu } from './mmu_gather';
import { pmdKind } from './pgtable_generic';
import { ptReclaimFinish, ptReclaimStart } from './pt_reclaim';

/** munmap of the VMA of `slot`: write lock, detach (vma_start_write, then i_mmap write), downgrade, unmap, free_pgtables. */
export function* do_munmap(slot: number): Step {
  const w = current();
  const vma = w.mm.vmas[slot]!;
  yield* mmap_write_lock();
  if (!vma.attached) {
    w.record('munmap: no VMA');
    mmap_write_unlock();
    return;
  }
  w.record('vma_start_write()');
  if (vma.kind !== 'anon') yield* i_mmap_lock_write();
  vma.attached = false;
  w.record(() => `detach VMA of pmd${slot} (unlink_file_vma)`);
  if (vma.kind !== 'anon') i_mmap_unlock_write();
  yield;
  mmap_write_downgrade();
  const tlb = tlb_gather_mmu(w.mm, false);
  // unmap_vmas(): the notifier range brackets the zap (not free_pgtables()).
  const notify = mm_has_notifiers(w.mm);
  if (notify) mmu_notifier_invalidate_range_start(w.mm, vpn(slot, 0), vpn(slot + 1, 0));
  if (pmdKind(w.mm.pmds[slot]!) === 'huge') yield* zap_huge_pmd(slot, tlb);
  else yield* zap_pte_range(tlb, slot);
  if (notify) mmu_notifier_invalidate_range_end(w.mm, vpn(slot, 0), vpn(slot + 1, 0));
  yield;
  yield* free_pgtables(tlb, slot);
  vma.pgtablesFreed = true;
  yield* tlb_finish_mmu(tlb);
  mmap_read_unlock();
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
    if (notify) mmu_notifier_invalidate_range_start(w.mm, vpn(slot, 0), vpn(slot + 1, 0));
    if (pmdKind(w.mm.pmds[slot]!) === 'huge') yield* zap_huge_pmd(slot, tlb);
    else {
      const reclaim = ptReclaimStart(w.cfg.reclaim);
      yield* zap_pte_range(tlb, slot, reclaim);
      yield* ptReclaimFinish(tlb, slot, reclaim);
    }
    if (notify) mmu_notifier_invalidate_range_end(w.mm, vpn(slot, 0), vpn(slot + 1, 0));
    yield* tlb_finish_mmu(tlb);
  }
  mmap_read_unlock();
}

/** exit_mmap(): mm_users → 0, unmap and free every table with a fullmm gather, arch teardown. */
export function* exit_mmap(): Step {
  const w = current();
  w.mm.users = 0;
  w.mm.state = 'exiting';
  // "mm's last user has gone, and its about to be pulled down": secondary MMUs let go first.
  mmu_notifier_release(w.mm);
  yield* mmap_write_lock();
  // arch_exit_mmap() runs before the unmap and free_pgtables (powerpc drops its fragment cache here).
  yield* callHook(w.adapter.arch_exit_mmap?.(w.mm));
  const tlb = tlb_gather_mmu(w.mm, true);
  for (const vma of w.mm.vmas) {
    if (pmdKind(w.mm.pmds[vma.slot]!) === 'huge') yield* zap_huge_pmd(vma.slot, tlb);
    else if (!vma.pgtablesFreed) yield* zap_pte_range(tlb, vma.slot);
  }
  for (const vma of w.mm.vmas) {
    vma.attached = false;
    if (!vma.pgtablesFreed) yield* free_pgtables(tlb, vma.slot);
    vma.pgtablesFreed = true;
  }
  yield* tlb_finish_mmu(tlb);
  // Every PTE of the mm is gone: page_table_check's per-page counts must be back to zero (C-GA-10).
  for (const p of w.filePages) checkPageTableCheck(w, p, 'still counted after exit_mmap');
  mmap_write_unlock(true);
  w.mm.state = 'freed';
  w.record('mmdrop: mm freed');
}
