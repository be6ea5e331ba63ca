/**
 * fork(): kernel/fork.c `dup_mmap()` → mm/memory.c `copy_page_range()` → `copy_pte_range()`
 * (v6.6 shape; v6.13+ maps the source with `pte_offset_map_rw_nolock()`), with a second mm: the
 * child. The child never runs: it exits at once (`mmput()` → `exit_mmap()`), so the tables
 * `copy_pte_range()` allocated for it with the adapter's `pte_alloc_one(child)` are freed through
 * the same hooks (`__pte_free_tlb`, `arch_exit_mmap(child)`) as the parent's.
 *
 * The generic mm code of the model acts on `current().mm`; the child's side runs with the World's
 * mm switched to the child around each of its steps (`inMm`, `withMm`), never across a step
 * boundary, so the other CPUs always see the parent. Model simplifications (docs/CHECKING.md):
 * the child's VMAs are not in the file's i_mmap tree for khugepaged or writeback (retract skips
 * VMAs with an anon_vma, the only ones fork copies); the child's flushes at exit go where the
 * parent's would (mm_cpumask is the parent's); huge pmds are not copied (file THPs refault,
 * `copy_huge_pmd()`); markers: POISON is copied, UFFD_WP dropped (the child's VMA loses its uffd
 * registration without UFFD_FEATURE_EVENT_FORK); swap entries are copied without swap counts.
 */
import type { MapHandle, Step } from '../model/actor';
import type { Mm } from '../model/mm';
import type { Pte } from '../model/types';
import { current } from '../model/world';
import { lockdep_register_mm } from '../model/lockdep';
import { checkSecondaryCowFlushed } from '../model/secondary';
import { eraAtLeast } from '../adapter/types';
import { spin_lock_wait, spin_unlock } from '../kernel/sync';
import { i_mmap_lock_write, i_mmap_unlock_write, mmap_write_lock, mmap_write_unlock } from './locking';
import { __pte_alloc, pmdRange } from './memory';
import { exit_mmap } from './mmap';
import { mm_has_notifiers, mmu_notifier_invalidate_range_end, mmu_notifier_invalidate_range_start } from './mmu_notifier';
import { pmdKind, pte_offset_map_lock, pte_offset_map_nolock, pte_unmap, pte_unmap_unlock, ptep_get, set_pte_at } from './pgtable_generic';
import { page_add_rmap } from './rmap';
import { flush_tlb_mm } from './tlbflush';

/** Run `fn` with the World's mm switched to `mm` (one atomic piece of a step). */
function withMm<T>(mm: Mm, fn: () => T): T {
  const w = current();
  const saved = w.mm;
  w.mm = mm;
  try {
    return fn();
  } finally {
    w.mm = saved;
  }
}

/** Run the steps `make()` gives (made with `mm` current too) with the World's mm switched to `mm` during each of them. */
function* inMm<T>(mm: Mm, make: () => Step<T>): Step<T> {
  const g = withMm(mm, make);
  for (;;) {
    const r = withMm(mm, () => g.next());
    if (r.done) return r.value;
    yield r.value;
  }
}

/** `mm_alloc()` + the VMA copies of `dup_mmap()`: a child mm with the parent's attached VMAs and no tables. */
function mm_alloc_child(parent: Mm): Mm {
  const w = current();
  return {
    id: parent.id + 1, users: 1, state: 'live', mmap_lock: { readers: new Set(), writer: null },
    page_table_lock: w.newLock('child page_table_lock'), pmdTableLock: w.newLock('child pmd_ptl'), tlb_flush_pending: 0,
    pmds: parent.pmds.map(() => 0),
    // vm_area_dup(); dup_userfaultfd() without UFFD_FEATURE_EVENT_FORK clears the registration.
    vmas: parent.vmas.map((v) => ({ ...v, uffd: 'none' as const, pgtablesFreed: false })),
    rss: { file: 0, anon: 0 }, nr_ptes: 0,
    context: {
      lock: w.newLock('child context.lock'), pgtable_list: { name: 'pgtable_list(child)', pages: [] },
      has_pgste: parent.context.has_pgste, flush_mm: false, pte_frag: 0,
    },
    ptcMapped: new Map(),
  };
}

/** `copy_nonpresent_pte()` / `copy_present_pte()`: the child's entry for `e`, or null to leave it none. */
function childPte(e: Pte, shared: boolean): Pte | null {
  switch (e.k) {
    case 'present':
      // is_cow_mapping(): both sides write-protected; VM_SHARED: pte_mkclean. pte_mkold either way.
      return { ...e, write: shared && e.write, dirty: !shared && e.dirty };
    case 'swap': return e;
    case 'marker': return e.m === 'poison' ? e : null;
    default: return null;
  }
}

/** `copy_pte_range(dst_vma, src_vma, dst_pmd, src_pmd, addr, end)` for the table of `slot`. */
function* copy_pte_range(dst: Mm, slot: number): Step {
  const w = current();
  const shared = w.mm.vmas[slot]!.shared;
  // dst_pte = pte_alloc_map_lock(dst_mm, dst_pmd, addr, &dst_ptl)
  if (pmdKind(dst.pmds[slot]!) === 'none') yield* inMm(dst, () => __pte_alloc(slot));
  const hd: MapHandle | null = yield* inMm(dst, () => pte_offset_map_lock(slot));
  if (!hd) return;
  // src_pte = pte_offset_map_nolock(src_mm, ...) (v6.13+: _rw_nolock: the mmap write lock keeps the pmd stable)
  const hs = yield* pte_offset_map_nolock(slot, eraAtLeast(w.adapter.era, 'v6.13') ? 'rw_nolock' : 'nolock');
  if (!hs) {
    withMm(dst, () => pte_unmap_unlock(hd));
    return;
  }
  // The two ptls are one lock only where two mms' tables share a page and its split ptlock:
  // sparc32's nocache pool, whose adapter declares split ptlocks it cannot have (mm/Kconfig:
  // SPLIT_PTE_PTLOCKS depends on !SPARC32, so the kernel takes the two mms' page_table_locks).
  // The model then holds the one lock for both (a model limit, docs/CHECKING.md).
  const sharedPtl = hs.ptl === hd.ptl;
  if (sharedPtl) w.record(() => `(src ptl ${hs.ptl.name} is the dst ptl: model limit, not taken twice)`);
  else yield* spin_lock_wait(hs.ptl, 'spin_lock_nested');
  for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
    const e = ptep_get(hs, i);
    const c = childPte(e, shared);
    if (c === null) continue;
    if (e.k === 'present' && !shared && e.write) set_pte_at(hs, i, { ...e, write: false }, 'ptep_set_wrprotect');
    withMm(dst, () => {
      set_pte_at(hd, i, c);
      if (c.k === 'present') page_add_rmap(c.page);
    });
  }
  yield;
  if (!sharedPtl) spin_unlock(hs.ptl);
  pte_unmap(hs);
  withMm(dst, () => pte_unmap_unlock(hd));
}

/**
 * `copy_page_range(dst_vma, src_vma)` for the VMA of `slot`: only where `vma_needs_copy()` (an
 * anon_vma; the child's uffd-wp is gone), a notifier range around a COW copy, table pmds only.
 */
function* copy_page_range(dst: Mm, slot: number): Step {
  const w = current();
  const src = w.mm;
  const vma = src.vmas[slot]!;
  if (!vma.anonVma) return;
  const cow = !vma.shared;
  const notify = cow && mm_has_notifiers(src);
  if (notify) mmu_notifier_invalidate_range_start(src, ...pmdRange(slot));
  if (pmdKind(src.pmds[slot]!) === 'table') yield* copy_pte_range(dst, slot);
  if (notify) mmu_notifier_invalidate_range_end(src, ...pmdRange(slot));
}

/** fork() of the mm's task: `dup_mmap()` under both mmap write locks, then the child exits. */
export function* dup_mmap(): Step {
  const w = current();
  const oldmm = w.mm;
  yield* mmap_write_lock();
  if (oldmm.state !== 'live') {
    mmap_write_unlock();
    return;
  }
  const mm = mm_alloc_child(oldmm);
  lockdep_register_mm(oldmm);
  lockdep_register_mm(mm);
  w.record(() => `dup_mmap: mm_alloc() = child mm#${mm.id}`);
  // mmap_write_lock_nested(mm, SINGLE_DEPTH_NESTING): "Not linked in yet - no deadlock potential".
  yield* inMm(mm, mmap_write_lock);
  for (const vma of oldmm.vmas) {
    const child = mm.vmas[vma.slot]!;
    child.attached = vma.attached;
    if (!vma.attached) continue;
    if (vma.kind !== 'anon') {
      yield* i_mmap_lock_write();
      w.record(() => `vma_interval_tree_insert_after(child vma of pmd${vma.slot})`);
      i_mmap_unlock_write();
    }
    yield* copy_page_range(mm, vma.slot);
  }
  withMm(mm, () => mmap_write_unlock());
  w.cur.mmap = 'write';
  // The parent's PTEs were write-protected for COW: flush_tlb_mm(oldmm).
  yield* flush_tlb_mm();
  checkSecondaryCowFlushed(w, oldmm);
  mmap_write_unlock();
  yield;
  // The child exits at once: mmput(child) → exit_mmap(child).
  w.record(() => `child exits: mmput(mm#${mm.id}) → exit_mmap`);
  yield* inMm(mm, exit_mmap);
}
