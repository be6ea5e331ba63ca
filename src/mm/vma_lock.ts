/**
 * The per-VMA lock (v6.4+, Suren Baghdasaryan's "mm: add per-VMA lock and helper functions to
 * control it"; include/linux/mm.h `vma_start_write()`, `vma_end_write_all()` in
 * include/linux/mmap_lock.h), as lockdep sees it, and the VMA's membership of the file's
 * `i_mmap` tree (the rmap), which is not the same as its membership of the mm's VMA tree.
 *
 * Model simplification (docs/kernel-notes/generic.md "Per-VMA lock"): the kernel's
 * `vma_start_write()` takes `vma->vm_lock` for writing only for a moment and marks the VMA
 * write-locked by sequence number (`vm_lock_seq = mm_lock_seq`) until `mmap_write_unlock()` or
 * `mmap_write_downgrade()` (`vma_end_write_all()`); page-fault readers (`vma_start_read()`) are
 * kept out all that time. The model lets lockdep see that whole span as the lock being held, so
 * the documented order "vma_start_write() before i_mmap_lock_write()" (contracts.md §1.1,
 * C-RM-9) becomes an edge vm_lock → i_mmap_rwsem of the run's class graph (C-LK-3), learnt from
 * munmap's detach (and mremap's, and the fixed mmap_region()), and an inversion of it is
 * reported (B29). The kernel's lockdep learns the same order through the per-VMA-locked page
 * fault, whose allocation may enter reclaim and its rmap walk; the model has neither.
 */
import { lockdep_acquire, lockdep_acquired, lockdep_release } from '../model/lockdep';
import type { Vma } from '../model/mm';
import { current, type World } from '../model/world';
import { eraAtLeast } from '../adapter/types';

/** VMAs write-locked per actor (until its `vma_end_write_all()`), per run. */
const writeLocked = new WeakMap<World, Map<number, Vma[]>>();

function lockedBy(w: World): Vma[] {
  let m = writeLocked.get(w);
  if (!m) writeLocked.set(w, (m = new Map()));
  let l = m.get(w.cur.id);
  if (!l) m.set(w.cur.id, (l = []));
  return l;
}

/** Whether the era has per-VMA locks (v6.4+: every modelled era but 2012). */
export function hasPerVmaLock(): boolean {
  return eraAtLeast(current().adapter.era, 'v6.5');
}

/**
 * `vma_start_write(vma)`: with the mmap write lock held, write-lock the VMA until
 * `vma_end_write_all()` (a no-op when the actor already did, and before v6.4).
 */
export function vma_start_write(vma: Vma): void {
  const w = current();
  if (!hasPerVmaLock()) return;
  const held = lockedBy(w);
  if (held.includes(vma)) return;
  const name = `vm_lock(pmd${vma.slot})`;
  lockdep_acquire(w, vma, name, 'vm_lock', 'down_write', false);
  lockdep_acquired(w, vma, name, 'vm_lock');
  held.push(vma);
  w.record(() => `vma_start_write(pmd${vma.slot})`);
}

/**
 * `vma_end_write_all(mm)` (from `mmap_write_unlock()` and `mmap_write_downgrade()`): every VMA
 * the actor write-locked is unlocked at once (`mm_lock_seq` moves on).
 */
export function vma_end_write_all(): void {
  const w = current();
  const held = lockedBy(w);
  for (const vma of held) lockdep_release(w, vma);
  held.length = 0;
}

/**
 * Whether a file VMA is still in the file's `i_mmap` tree, where rmap walkers
 * (`retract_page_tables()`, `try_to_unmap()`, `folio_mkclean()`) find it. munmap detaches the
 * VMA from the mm's tree first (under the mmap write lock), but `unlink_file_vma()` removes it
 * from `i_mmap` only in `free_pgtables()`, after the zap, just before its tables are freed.
 */
export function vmaInIMmap(vma: Vma): boolean {
  return vma.kind !== 'anon' && !vma.iMmapUnlinked;
}
