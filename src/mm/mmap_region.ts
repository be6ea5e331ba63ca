/**
 * `mmap_region()` (mm/mmap.c v6.5..v6.11; `__mmap_region()` → `__mmap_new_vma()` in mm/vma.c
 * v6.12..2026): a new VMA in a pmd slot, so that later faults allocate new tables there (after a
 * munmap, where a table of the old VMA may still wait for its RCU free: s390's reuse of one 2K
 * half while the other waits, powerpc's fragment reuse).
 *
 * Under the mmap write lock, in a slot with no VMA (`MAP_FIXED_NOREPLACE`: a slot still mapped
 * fails with -EEXIST; the unmap under the write lock that MAP_FIXED would do first is mremap's,
 * src/mm/mremap.ts, for its destination): the new VMA is write-locked (`vma_start_write()`,
 * v6.4+) and then linked into the mm's tree and, for a file, into `i_mmap` under `i_mmap_lock_write()` (`vma_link_file()`). Hugh Dickins' "mm: lock
 * newly mapped VMA with corrected ordering" (2023-07-08, S2:2261-2300) put `vma_start_write()`
 * first; before it (33313a747e81, `MmVariant.mmapRegionLockInversion`) it came after
 * `i_mmap_lock_write()`, which lockdep reported (B29, C-LK-3). The 2012 era has no per-VMA lock.
 *
 * Model simplifications: the new VMA is of the same kind (file or anon, shared or private) as
 * the slot's previous one, with no uffd registration and no anon_vma yet; no VMA merge.
 */
import type { Step } from '../model/actor';
import type { Vma } from '../model/mm';
import { current } from '../model/world';
import { i_mmap_lock_write, i_mmap_unlock_write, mmap_write_lock, mmap_write_unlock } from './locking';
import { vma_start_write, vmaInIMmap } from './vma_lock';

/** `mmap(addr of slot, MAP_FIXED_NOREPLACE)` → `mmap_region()`. */
export function* mmap_region(slot: number): Step {
  const w = current();
  yield* mmap_write_lock();
  if (w.mm.state !== 'live') {
    mmap_write_unlock();
    return;
  }
  const old = w.mm.vmas[slot]!;
  if (old.attached) {
    w.record(() => `mmap(MAP_FIXED_NOREPLACE, pmd${slot}) = -EEXIST`);
    mmap_write_unlock();
    return;
  }
  const vma: Vma = { slot, kind: old.kind, shared: old.shared, uffd: 'none', anonVma: false, attached: false, pgtablesFreed: false };
  w.record(() => `vm_area_alloc() for pmd${slot}`);
  yield;
  const file = vmaInIMmap(vma);
  if (w.decl.mm?.mmapRegionLockInversion) {
    if (file) yield* i_mmap_lock_write();
    vma_start_write(vma);
  } else {
    vma_start_write(vma);
    if (file) yield* i_mmap_lock_write();
  }
  vma.attached = true;
  w.mm.vmas[slot] = vma;
  w.record(() => `vma_iter_store(pmd${slot})${file ? ', vma_interval_tree_insert (i_mmap)' : ''}`);
  if (file) i_mmap_unlock_write();
  mmap_write_unlock();
}
