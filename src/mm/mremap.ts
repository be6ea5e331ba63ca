/**
 * mm/mremap.c: `mremap(old, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, new)` of a whole VMA from
 * one pmd slot to another, as v6.5..2026 do it: `mremap_to()` unmaps the destination first,
 * `move_vma()` write-locks the VMA, `copy_vma()` makes the new one, `move_page_tables()` moves
 * the tables (`move_normal_pmd()`: the whole PTE table to the new pmd; else `move_ptes()`:
 * entry by entry into a destination table), and the old range is unmapped.
 *
 * Model simplifications (docs/kernel-notes/generic.md "mremap"): one pmd slot is one PMD
 * extent, so the old and new pmds are in the model's single PMD table and share its lock
 * (`new_ptl == old_ptl`: no `spin_lock_nested`); `need_rmap_locks` is always true (the VMA keeps
 * its pgoff, so `copy_vma()`'s `new_vma->vm_pgoff <= vma->vm_pgoff` holds); the anon_vma lock
 * of `take_rmap_locks()` is not modelled (no anon rmap walker in the model); the 2025
 * `vma_has_uffd_without_event_remap()` handling of uffd-wp markers is not modelled, and neither
 * are `move_normal_pud()`, MREMAP_DONTUNMAP, shrink and expand.
 */
import type { Step } from '../model/actor';
import type { Vma } from '../model/mm';
import { current } from '../model/world';
import { eraAtLeast } from '../adapter/types';
import { spin_lock_wait, spin_unlock } from '../kernel/sync';
import { arch_flush_tlb_range } from './context';
import { i_mmap_lock_write, i_mmap_unlock_write, mmap_write_lock, mmap_write_unlock } from './locking';
import { __pte_alloc, pmdRange } from './memory';
import { move_huge_pmd_deposit } from './huge_memory';
import { detach_vma, unmap_region } from './mmap';
import { pmd_lock, pmdKind, pte_offset_map_lock, pte_offset_map_nolock, pte_unmap, pte_unmap_unlock, ptep_get, set_pte_at } from './pgtable_generic';
import { PTE_NONE } from '../model/types';
import { vma_start_write, vmaInIMmap } from './vma_lock';

/**
 * Whether the arch selects CONFIG_HAVE_MOVE_PMD (x86 since v5.0, arm64, powerpc and riscv since
 * v5.13), so that `move_normal_pmd()` moves whole PTE tables; not in the 2012 era (it came with
 * v5.0) and not on the other arches. An adapter may declare it (`declarations.HAVE_MOVE_PMD`).
 */
export function haveMovePmd(): boolean {
  const w = current();
  if (!eraAtLeast(w.adapter.era, 'v6.5')) return false;
  return w.decl.HAVE_MOVE_PMD ?? ['x86', 'arm64', 'powerpc', 'riscv'].includes(w.adapter.arch);
}

/** `take_rmap_locks(vma)`: `i_mmap_lock_write()` for a file VMA (the anon_vma lock is not modelled). */
function* take_rmap_locks(vma: Vma): Step {
  if (vma.kind !== 'anon') yield* i_mmap_lock_write();
}

/** `drop_rmap_locks(vma)`. */
function drop_rmap_locks(vma: Vma): void {
  if (vma.kind !== 'anon') i_mmap_unlock_write();
}

/**
 * `move_normal_pmd(vma, old_addr, new_addr, old_pmd, new_pmd)`: under the pmd lock, clear the old
 * pmd and populate the new one with the same table, then flush the old range. The 2024 fix
 * (Jann Horn, "mm/mremap: fix move_normal_pmd/retract_page_tables race", v6.12-rc4, backported
 * to the stable v6.6 and later trees the model's eras stand for) rechecks under the lock that
 * the pmd still points to a table: `retract_page_tables()` (v6.6+, under `i_mmap_lock_read()`
 * only, no mmap lock) may have removed it after `move_page_tables()` looked at it and before
 * `take_rmap_locks()`. Without the recheck (`MmVariant.mremapNoPmdRecheck`) a none pmd is
 * "moved": `pmd_populate(mm, new_pmd, pmd_pgtable(none))` links a bogus table (pfn 0 on x86)
 * while the retracted table waits for its RCU free (C-RM-1).
 */
function* move_normal_pmd(oldSlot: number, newSlot: number): Step<boolean> {
  const w = current();
  if (pmdKind(w.mm.pmds[newSlot]!) !== 'none') {
    w.warn(`move_normal_pmd: destination pmd${newSlot} is not none`);
    return false;
  }
  const pml = yield* pmd_lock();
  const pmd = w.mm.pmds[oldSlot]!;
  if (pmdKind(pmd) !== 'table') {
    if (w.decl.mm?.mremapNoPmdRecheck) {
      w.violate('C-RM-1', `move_normal_pmd(pmd${oldSlot} → pmd${newSlot}) by ${w.cur.name} found pmd${oldSlot} ${pmdKind(pmd)} under the pmd lock (the table was retracted after move_page_tables() looked at it): pmd_populate(pmd${newSlot}, pmd_pgtable(${pmdKind(pmd)})) links a bogus page table`);
      spin_unlock(pml);
      return true;
    }
    // "Racing with collapse?": fall back to move_ptes(), which finds the pmd none.
    w.record(() => `move_normal_pmd: pmd${oldSlot} is ${pmdKind(pmd)} under the lock: racing with collapse, fall back`);
    spin_unlock(pml);
    return false;
  }
  w.mm.pmds[oldSlot] = 0;
  w.mm.pmds[newSlot] = pmd;
  w.record(() => `move_normal_pmd: pmd_clear(pmd${oldSlot}), pmd_populate(pmd${newSlot}) with the same table`);
  const [start, end] = pmdRange(oldSlot);
  yield* arch_flush_tlb_range(start, end, true);
  spin_unlock(pml);
  return true;
}

/** `move_huge_pmd()`: move a huge pmd under the pmd lock, then flush the old range. */
function* move_huge_pmd(oldSlot: number, newSlot: number): Step {
  const w = current();
  const pml = yield* pmd_lock();
  if (pmdKind(w.mm.pmds[oldSlot]!) === 'huge' && pmdKind(w.mm.pmds[newSlot]!) === 'none') {
    w.mm.pmds[newSlot] = w.mm.pmds[oldSlot]!;
    w.mm.pmds[oldSlot] = 0;
    move_huge_pmd_deposit(oldSlot, newSlot);
    w.record(() => `move_huge_pmd(pmd${oldSlot} → pmd${newSlot})`);
    const [start, end] = pmdRange(oldSlot);
    yield* arch_flush_tlb_range(start, end, true);
  }
  spin_unlock(pml);
}

/**
 * `move_ptes()`: the old table by `pte_offset_map_lock()`, the destination by
 * `pte_offset_map_nolock()` (v6.5..v6.12) / `pte_offset_map_rw_nolock()` (v6.13+; no pmd_same
 * recheck needed: the destination is none to rmap walkers and the mmap write lock keeps it),
 * its ptl nested if it differs; every entry cleared and set at the new index; a flush of the
 * old range before the locks go if a present entry moved.
 */
function* move_ptes(vma: Vma, oldSlot: number, newSlot: number): Step {
  const w = current();
  yield* take_rmap_locks(vma);
  const old = yield* pte_offset_map_lock(oldSlot);
  if (!old) {
    drop_rmap_locks(vma);
    return;
  }
  const nu = yield* pte_offset_map_nolock(newSlot, eraAtLeast(w.adapter.era, 'v6.13') ? 'rw_nolock' : 'nolock');
  if (!nu) {
    pte_unmap_unlock(old);
    drop_rmap_locks(vma);
    return;
  }
  if (nu.ptl !== old.ptl) yield* spin_lock_wait(nu.ptl, 'spin_lock_nested');
  let force_flush = false;
  for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
    const e = ptep_get(old, i);
    if (e.k === 'none') continue;
    if (e.k === 'present') force_flush = true;
    set_pte_at(old, i, PTE_NONE, 'ptep_get_and_clear');
    set_pte_at(nu, i, e);
  }
  if (force_flush) {
    const [start, end] = pmdRange(oldSlot);
    yield* arch_flush_tlb_range(start, end, false);
  }
  if (nu.ptl !== old.ptl) spin_unlock(nu.ptl);
  pte_unmap(nu);
  pte_unmap_unlock(old);
  drop_rmap_locks(vma);
}

/**
 * `move_page_tables(vma, old_addr, new_vma, new_addr, len, need_rmap_locks)` for one PMD extent:
 * `get_old_pmd()`, `alloc_new_pmd()` (may sleep: a preemption point; the model's PMD table
 * always exists), then `move_pgt_entry(HPAGE_PMD | NORMAL_PMD)` under `take_rmap_locks()`, else
 * `pte_alloc()` of the destination and `move_ptes()`.
 */
export function* move_page_tables(vma: Vma, oldSlot: number, newSlot: number): Step {
  const w = current();
  const seen = w.mm.pmds[oldSlot]!;
  w.record(() => `get_old_pmd(pmd${oldSlot}) = ${pmdKind(seen)}`);
  if (pmdKind(seen) === 'none') return;
  yield;
  if (pmdKind(seen) === 'huge') {
    yield* take_rmap_locks(vma);
    yield* move_huge_pmd(oldSlot, newSlot);
    drop_rmap_locks(vma);
    return;
  }
  if (pmdKind(seen) === 'table' && haveMovePmd()) {
    yield* take_rmap_locks(vma);
    const moved = yield* move_normal_pmd(oldSlot, newSlot);
    drop_rmap_locks(vma);
    if (moved) return;
  }
  if (pmdKind(w.mm.pmds[newSlot]!) === 'none') {
    yield* __pte_alloc(newSlot);
    yield;
  }
  yield* move_ptes(vma, oldSlot, newSlot);
}

/**
 * `mremap(slot → to, MREMAP_MAYMOVE | MREMAP_FIXED)`: mmap write lock; the destination range
 * unmapped (`mremap_to()` → `do_munmap()`, under the write lock); `move_vma()`:
 * `vma_start_write(vma)`, `copy_vma()` (the new VMA write-locked, then linked into the mm's tree
 * and `i_mmap`), `move_page_tables()`, then the old range unmapped (`do_vmi_munmap(..., unlock
 * = false)`: detach, zap, free_pgtables under the write lock).
 */
export function* do_mremap(slot: number, to: number): Step {
  const w = current();
  yield* mmap_write_lock();
  const vma = w.mm.vmas[slot]!;
  if (!vma.attached || slot === to || w.mm.state !== 'live') {
    w.record('mremap: no VMA to move');
    mmap_write_unlock();
    return;
  }
  const target = w.mm.vmas[to]!;
  if (target.attached) {
    w.record(() => `mremap_to: do_munmap(pmd${to})`);
    detach_vma(target);
    yield;
    yield* unmap_region(target);
  }
  vma_start_write(vma);
  const nv: Vma = { slot: to, kind: vma.kind, shared: vma.shared, uffd: vma.uffd, anonVma: vma.anonVma, attached: false, pgtablesFreed: false };
  vma_start_write(nv);
  if (vmaInIMmap(nv)) yield* i_mmap_lock_write();
  nv.attached = true;
  w.mm.vmas[to] = nv;
  w.record(() => `copy_vma: new VMA at pmd${to} linked`);
  if (vmaInIMmap(nv)) i_mmap_unlock_write();
  yield;
  yield* move_page_tables(vma, slot, to);
  yield;
  detach_vma(vma);
  yield* unmap_region(vma);
  mmap_write_unlock();
}
