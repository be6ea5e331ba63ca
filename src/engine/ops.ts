/**
 * The operations an actor can run, and the generic kernel path behind each. An op is plain
 * data (serialisable, shrinkable by fast-check); `runOp` turns it into the stepwise kernel
 * path of `src/mm`.
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { spin_lock_wait, spin_unlock } from '../kernel/sync';
import { gup_fast } from '../mm/gup';
import { cpu_access } from '../mm/hw';
import { collapse_pte_mapped_thp, khugepaged_collapse_file, madvise_collapse } from '../mm/khugepaged';
import { mmap_read_lock, mmap_read_unlock } from '../mm/locking';
import { do_fault } from '../mm/memory';
import { do_munmap, madvise_dontneed } from '../mm/mmap';
import { pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock, pte_unmap, pte_unmap_unlock, ptep_get } from '../mm/pgtable_generic';
import { eraAtLeast } from '../adapter/types';
import { callHook } from '../model/coroutine';
import { mfill_atomic_pte } from '../mm/userfaultfd';
import { writeback_page } from '../mm/writeback';
import { gup_fast_hugetlb, hugetlb_unshare } from '../mm/hugetlb';
import { khugepaged_collapse_anon } from '../mm/khugepaged_anon';
import { split_huge_pmd } from '../mm/huge_memory';
import { iommu_sva_dma } from '../mm/iommu_sva';
import { dup_mmap } from '../mm/fork'
import { mmap_region } from '../mm/mmap_region';
import { do_mremap } from '../mm/mremap';

/** One operation of an actor. `slot` is a pmd slot, `index` a PTE index in its table. */
export type Op =
  | { k: 'fault'; slot: number; index: number; write: boolean }
  /**
   * `remote`: the walker runs for another task of another mm (`/proc/PID/smaps` or
   * `/proc/PID/pagemap` through `walk_page_range()`, `get_user_pages_remote()`): it takes the
   * target mm's mmap lock but its CPU runs another mm, outside the target's `mm_cpumask` on
   * arches that clear it (src/mm/context.ts). Absent in replay files written before it: local.
   */
  | { k: 'walk'; slot: number; index: number; api: 'map' | 'lock' | 'nolock' | 'arch'; remote?: boolean }
  | { k: 'gup_fast'; slot: number; index: number }
  | { k: 'access'; slot: number; index: number; write: boolean }
  | { k: 'dontneed'; slot: number }
  | { k: 'munmap'; slot: number }
  | { k: 'khugepaged' }
  | { k: 'collapse'; slot: number; madvise?: boolean }
  | { k: 'uffd_copy'; slot: number; index: number }
  | { k: 'uffd_poison'; slot: number; index: number }
  | { k: 'writeback'; index: number }
  | { k: 'hugetlb_unshare' }
  | { k: 'hugetlb_gup_fast'; index: number }
  | { k: 'collapse_anon'; slot: number }
  | { k: 'split'; slot: number }
  | { k: 'dma'; slot: number; index: number; write: boolean }
  | { k: 'fork' }
  | { k: 'mmap'; slot: number }
  | { k: 'mremap'; slot: number; to: number };

/** Op kinds that remove or free page tables. */
export const REMOVERS: readonly Op['k'][] = ['dontneed', 'munmap', 'khugepaged', 'collapse', 'hugetlb_unshare', 'mremap'];

/** A short label for the timeline. */
export function opLabel(op: Op): string {
  switch (op.k) {
    case 'fault': return `fault(pmd${op.slot}[${op.index}], ${op.write ? 'write' : 'read'})`;
    case 'walk': return op.api === 'arch' ? `arch walker(pmd${op.slot}[${op.index}])` : `${op.remote ? 'remote ' : ''}walker(pte_offset_map${op.api === 'map' ? '' : `_${op.api}`}, pmd${op.slot}[${op.index}])`;
    case 'gup_fast': return `gup_fast(pmd${op.slot}[${op.index}])`;
    case 'access': return `cpu ${op.write ? 'store' : 'load'}(pmd${op.slot}[${op.index}])`;
    case 'dontneed': return `madvise(MADV_DONTNEED, pmd${op.slot})`;
    case 'munmap': return `munmap(pmd${op.slot})`;
    case 'khugepaged': return 'khugepaged(collapse_file + retract_page_tables)';
    case 'collapse': return op.madvise ? `madvise(MADV_COLLAPSE, pmd${op.slot})` : `collapse_pte_mapped_thp(pmd${op.slot})`;
    case 'uffd_copy': return `UFFDIO_COPY(pmd${op.slot}[${op.index}])`;
    case 'uffd_poison': return `UFFDIO_POISON(pmd${op.slot}[${op.index}])`;
    case 'writeback': return `writeback(file page ${op.index})`;
    case 'hugetlb_unshare': return 'munmap(hugetlb VMA): huge_pmd_unshare';
    case 'hugetlb_gup_fast': return `gup_fast(hugetlb[${op.index}])`;
    case 'collapse_anon': return `khugepaged(collapse_huge_page, pmd${op.slot})`;
    case 'split': return `split_huge_pmd(pmd${op.slot})`;
    case 'dma': return `iommu_sva DMA ${op.write ? 'write' : 'read'}(pmd${op.slot}[${op.index}])`;
    case 'fork': return 'fork(): dup_mmap, then the child exits'
    case 'mmap': return `mmap(MAP_FIXED_NOREPLACE, pmd${op.slot})`;
    case 'mremap': return `mremap(pmd${op.slot} → pmd${op.to})`;
  }
}

/** A semi-locked software walker (mmap_lock read + one of the pte_offset_map family). */
function* walker(slot: number, index: number, api: 'map' | 'lock' | 'nolock' | 'arch'): Step {
  const w = current();
  yield* mmap_read_lock();
  if (w.vmaLive(w.mm.vmas[slot]!)) {
    if (api === 'arch') {
      const hook = w.adapter.arch_walk;
      if (hook) yield* callHook(hook.call(w.adapter, w.mm, slot, index));
    } else if (api === 'map') {
      const h = yield* pte_offset_map(slot);
      if (h) {
        ptep_get(h, index);
        yield;
        pte_unmap(h);
      }
    } else if (api === 'lock') {
      const h = yield* pte_offset_map_lock(slot);
      if (h) {
        ptep_get(h, index);
        yield;
        pte_unmap_unlock(h);
      }
    } else {
      const nolock = eraAtLeast(w.adapter.era, 'v6.13') ? 'ro_nolock' : 'nolock';
      const h = yield* pte_offset_map_nolock(slot, nolock);
      if (h) {
        const orig = ptep_get(h, index);
        yield;
        yield* spin_lock_wait(h.ptl);
        const now = ptep_get(h, index);
        w.record(`pte_same: ${orig.k === now.k}`);
        spin_unlock(h.ptl);
        pte_unmap(h);
      }
    }
  }
  mmap_read_unlock();
}

/** The kernel path of an op. */
export function* runOp(op: Op): Step {
  const w = current();
  switch (op.k) {
    case 'fault':
      yield* mmap_read_lock();
      if (w.vmaLive(w.mm.vmas[op.slot]!)) yield* do_fault(op.slot, op.index, op.write);
      mmap_read_unlock();
      return;
    case 'walk': return yield* walker(op.slot, op.index, op.api);
    case 'gup_fast': return yield* gup_fast(op.slot, op.index);
    case 'access': return yield* cpu_access(op.slot, op.index, op.write);
    case 'dontneed': return yield* madvise_dontneed(op.slot);
    case 'munmap': return yield* do_munmap(op.slot);
    case 'khugepaged':
      w.cur.outsider = true;
      yield* khugepaged_collapse_file();
      w.cur.outsider = false;
      return;
    case 'collapse':
      // MADV_COLLAPSE runs in the caller's own mm (not an outsider), extent by extent.
      if (op.madvise) return yield* madvise_collapse(op.slot);
      w.cur.outsider = true;
      yield* mmap_read_lock();
      yield* collapse_pte_mapped_thp(op.slot);
      mmap_read_unlock();
      w.cur.outsider = false;
      return;
    case 'uffd_copy':
      yield* mmap_read_lock();
      yield* mfill_atomic_pte(op.slot, op.index, false);
      mmap_read_unlock();
      return;
    case 'uffd_poison':
      yield* mmap_read_lock();
      yield* mfill_atomic_pte(op.slot, op.index, true);
      mmap_read_unlock();
      return;
    case 'writeback': return yield* writeback_page(op.index);
    case 'hugetlb_unshare': return yield* hugetlb_unshare();
    case 'hugetlb_gup_fast': return yield* gup_fast_hugetlb(op.index);
    case 'collapse_anon':
      w.cur.outsider = true;
      yield* khugepaged_collapse_anon(op.slot);
      w.cur.outsider = false;
      return;
    case 'split':
      // A partial operation on a huge pmd (MADV_DONTNEED or mprotect of part of it, migration)
      // starts with split_huge_pmd(), under the mmap lock.
      yield* mmap_read_lock();
      if (w.vmaLive(w.mm.vmas[op.slot]!)) yield* split_huge_pmd(op.slot);
      mmap_read_unlock();
      return;
    case 'dma': return yield* iommu_sva_dma(op.slot, op.index, op.write);
    case 'fork': return yield* dup_mmap()
    case 'mmap': return yield* mmap_region(op.slot);
    case 'mremap': return yield* do_mremap(op.slot, op.to);
  }
}
