/**
 * mm/khugepaged.c (v6.6 shape, after the uffd fix): `collapse_file()`'s unmap of the small
 * pages, `retract_page_tables()` and `collapse_pte_mapped_thp()`. Tables are removed under
 * pmd_lock + nested ptl, flushed by `pmdp_collapse_flush()`, then `pte_free_defer()`d.
 */
import type { MapHandle, Step } from '../model/actor';
import { PTE_NONE, type Page, type SpinLock } from '../model/types';
import { current } from '../model/world';
import { eraAtLeast } from '../adapter/types';
import { spin_lock, spin_lock_wait, spin_unlock } from '../kernel/sync';
import { call_pte_free_defer } from './defer';
import { lock_hpage, unlock_hpage } from './pagelock';
import { i_mmap_lock_read, i_mmap_unlock_read, mmap_read_lock, mmap_read_unlock } from './locking';
import { pmd_pgtable, pmdRange, vpn } from './memory';
import { pmd_lock, pmd_lockptr, pmd_same, pmdKind, pmdp_collapse_flush, pmdp_get_lockless_sync, pte_lockptr, pte_offset_map_lock, pte_offset_map_nolock, pte_unmap, pte_unmap_unlock, ptep_get, set_pte_at } from './pgtable_generic';
import { page_add_rmap, page_remove_rmap, rss_dec } from './rmap';
import { flush_tlb_mm } from './tlbflush';
import { arch_flush_tlb_range } from './context';
import { mk_huge_pmd, pgtable_trans_huge_deposit } from './huge_memory';
import { mmu_notifier_invalidate_range_end, mmu_notifier_invalidate_range_start } from './mmu_notifier';
import { vmaInIMmap } from './vma_lock';

/** C-GA-9: once an aborting path returns, no CPU may still cache a translation for a PTE it cleared. */
/** What `collapse_pte_mapped_thp()` holds when it aborts. */
interface CollapseState {
  nr_ptes: number;
  cleared: { vpn: number; page: Page }[];
  h: MapHandle;
  ptl: SpinLock;
  pml: SpinLock | null;
}

/**
 * The abort path of `collapse_pte_mapped_thp()`: flush what was cleared, unlock and unmap. (A
 * module-level generator, given the state when it starts: a generator function made per call
 * gives each of its generators a new hidden class, which kept the run's World alive until a
 * full GC.)
 */
function* collapse_abort(s: CollapseState, ptlHeld: boolean, pmlHeld: boolean): Step {
  const w = current();
  if (s.nr_ptes) yield* flush_tlb_mm();
  checkAbortFlushed(s.cleared);
  if (ptlHeld) pte_unmap_unlock(s.h);
  else pte_unmap(s.h);
  if (pmlHeld && s.pml && s.pml !== s.ptl) spin_unlock(s.pml);
  mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(s.h.slot));
  unlock_hpage();
}

function checkAbortFlushed(cleared: { vpn: number; page: Page }[]): void {
  const w = current();
  for (const a of w.tasks) {
    const stale = cleared.filter((c) => a.tlb.get(c.vpn)?.page === c.page);
    if (stale.length) {
      w.violate('C-GA-9', `${w.cur.name} aborted ${w.cur.op} after clearing PTEs without flushing: ${a.name}'s TLB still maps vpn ${stale.map((c) => c.vpn).join(', ')}`);
      return;
    }
  }
}

/** `vma->anon_vma || userfaultfd_wp(vma)`: read afresh each time (it can change under us). */
function anonOrUffdWp(slot: number): boolean {
  const v = current().mm.vmas[slot]!;
  return v.anonVma || v.uffd === 'wp';
}

/**
 * Whether file THPs may be made at all: shmem always; a regular file only under
 * READ_ONLY_THP_FOR_FS, i.e. when nobody has it open for write (`file_thp_enabled()`:
 * `!inode_is_open_for_write()`), which a shared file VMA (writable) rules out. This is what makes
 * collapse's early rmap removal safe for regular files (C-GA-11: "file is read-only").
 */
function fileThpAllowed(): boolean {
  const w = current();
  if (w.filePages[0]?.data?.kind !== 'file') return true;
  return !w.mm.vmas.some((v) => v.kind !== 'anon' && v.shared && v.attached);
}

/** The file-backed pmd slots (every file VMA maps the same file range). */
function fileSlots(): number[] {
  const w = current();
  return w.mm.vmas.filter((v) => v.kind !== 'anon').map((v) => v.slot);
}

/** `collapse_file()`'s unmap of the small page-cache pages from every file VMA (try_to_unmap + flush). */
export function* collapse_file_unmap(): Step {
  const w = current();
  // try_to_unmap() → rmap_walk_file() holds i_mmap_lock_read(mapping) across the VMA walk, so
  // munmap's unlink_file_vma() (and the free_pgtables() after it) waits for it. It visits every
  // VMA still in i_mmap, also one munmap has already detached from the mm's tree and is zapping.
  yield* i_mmap_lock_read();
  for (const slot of fileSlots()) {
    const vma = w.mm.vmas[slot]!;
    if (!vmaInIMmap(vma)) continue;
    const h = yield* pte_offset_map_lock(slot);
    if (!h) continue;
    for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
      const e = ptep_get(h, i);
      if (e.k !== 'present' || e.page.data!.kind === 'anon') continue;
      set_pte_at(h, i, PTE_NONE, 'ptep_clear_flush');
      yield* arch_flush_tlb_range(vpn(slot, i), vpn(slot, i) + 1, false, 'flush_tlb_page');
      rss_dec(e.page);
      page_remove_rmap(e.page);
    }
    pte_unmap_unlock(h);
    yield;
  }
  i_mmap_unlock_read();
}

/**
 * MmVariant.replacePageTables (B33): with the pmd lock held, deposit the table just cleared from
 * the pmd and install the file THP's huge pmd in its place, as a replace_page_tables() on an
 * arch that needs a deposited table under every huge pmd (powerpc) would.
 */
function install_huge_pmd_deposit(slot: number, pgt_pmd: number): void {
  const w = current();
  pgtable_trans_huge_deposit(slot, pmd_pgtable(pgt_pmd));
  w.mm.pmds[slot] = mk_huge_pmd(w.filePages[0]!);
  for (const p of w.filePages) page_add_rmap(p);
  w.record(`set_huge_pmd(pmd${slot})`);
}

/** `retract_page_tables(mapping, pgoff)` (v6.6). */
export function* retract_page_tables(): Step {
  const w = current();
  yield* i_mmap_lock_read();
  for (const slot of fileSlots()) {
    const vma = w.mm.vmas[slot]!;
    if (!vmaInIMmap(vma)) continue;
    if (anonOrUffdWp(slot)) continue;
    if (w.mm.users === 0) continue;
    if (pmdKind(w.mm.pmds[slot]!) !== 'table') continue;
    yield;
    // B22's v1 issued no notifier here (S2:7083-7117); v2 added the range around the pmd clear.
    const notify = !w.decl.mm?.retractNoNotifier;
    if (notify) mmu_notifier_invalidate_range_start(w.mm, ...pmdRange(slot));
    const pml = yield* pmd_lock();
    const ptl = pte_lockptr(w.mm.pmds[slot]!);
    if (ptl !== pml) yield* spin_lock_wait(ptl, 'spin_lock_nested');
    yield;
    let skipped = true;
    let pgt_pmd = 0;
    if (pmdKind(w.mm.pmds[slot]!) === 'table' && (w.decl.mm?.retractNoRecheck || !anonOrUffdWp(slot))) {
      pgt_pmd = yield* pmdp_collapse_flush(slot);
      yield* pmdp_get_lockless_sync();
      skipped = false;
    }
    // B33: "retract_page_tables() can be enhanced to replace_page_tables(), which inserts the
    // final huge pmd without mmap lock" (S2:1466-1469), keeping the table deposited.
    const replaced = !skipped && w.decl.mm?.replacePageTables === true;
    if (replaced) install_huge_pmd_deposit(slot, pgt_pmd);
    if (ptl !== pml) spin_unlock(ptl);
    spin_unlock(pml);
    if (notify) mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(slot));
    if (!skipped && !replaced) {
      w.mm.nr_ptes--;
      yield* call_pte_free_defer(pmd_pgtable(pgt_pmd));
    }
  }
  i_mmap_unlock_read();
}

/**
 * C-RM-7: a VMA the caller looked up earlier, used after the mmap lock was dropped and retaken,
 * must have been revalidated. In the model a VMA munmap detached is gone (freed once munmap
 * returns); using it is a use-after-free of the vma (B25).
 */
function use_vma(slot: number, what: string): void {
  const w = current();
  const vma = w.mm.vmas[slot]!;
  w.record(`${what}: vma->vm_file (pmd${slot})`);
  if (!vma.attached) {
    w.violate('C-RM-7', `${w.cur.name} (${w.cur.op}) uses the vma of pmd${slot} after munmap freed it: the mmap lock was dropped and retaken without hugepage_vma_revalidate()`);
  }
}

/**
 * `madvise_collapse(vma, start, end)` over two extents of one VMA (S2:748-790): the file scan of
 * each extent drops the mmap lock; SCAN_PTE_MAPPED_HUGEPAGE retakes it for
 * collapse_pte_mapped_thp(), which looks up its own vma, and drops it again (`mmap_locked`
 * stays false), so the next extent revalidates the caller's vma. B25's variant sets
 * `mmap_locked = true` instead, and the next extent uses the stale vma.
 */
export function* madvise_collapse(slot: number): Step {
  const w = current();
  const mmv = w.decl.mm ?? {};
  yield* mmap_read_lock();
  const vma = w.mm.vmas[slot]!;
  if (!vma.attached || vma.kind === 'anon') {
    mmap_read_unlock();
    return;
  }
  let mmap_locked = true;
  for (let extent = 0; extent < 2; extent++) {
    if (!mmap_locked) {
      yield* mmap_read_lock();
      mmap_locked = true;
      w.record('hugepage_vma_revalidate()');
      if (!vma.attached) {
        mmap_read_unlock();
        return;
      }
    }
    use_vma(slot, `hpage_collapse_scan_file(extent ${extent})`);
    // The file scan runs without the mmap lock.
    mmap_read_unlock();
    mmap_locked = false;
    yield;
    w.record(`hpage_collapse_scan_file(extent ${extent}) = SCAN_PTE_MAPPED_HUGEPAGE`);
    yield* mmap_read_lock();
    yield* collapse_pte_mapped_thp(slot);
    if (mmv.madviseCollapseStaleVma) {
      mmap_locked = true;
    } else {
      mmap_read_unlock();
    }
  }
  if (mmap_locked) mmap_read_unlock();
}

/** The khugepaged file collapse: lock the THP, unmap its small pages, retract the tables. */
export function* khugepaged_collapse_file(): Step {
  if (!fileThpAllowed()) return;
  yield* lock_hpage();
  yield* collapse_file_unmap();
  yield* retract_page_tables();
  unlock_hpage();
}

/**
 * `collapse_pte_mapped_thp(mm, addr, install_pmd)` (v6.6 with the uffd fix, S2:216-336): step 1
 * check, mmu notifier start, early pml for private uffd-armed VMAs, step 2 clear under ptl,
 * step 4 pmdp_collapse_flush under pml + ptl, pte_free_defer, install the huge pmd.
 */
export function* collapse_pte_mapped_thp(slot: number): Step {
  const w = current();
  const vma = w.mm.vmas[slot]!;
  const mmv = w.decl.mm ?? {};
  // "First check the VMA, in case page tables are being torn down: from JannH" (S2:1320);
  // B32's variant trusts the caller's vma instead.
  if (!mmv.collapseNoVmaCheck && (!vma.attached || w.mm.users === 0)) return;
  if (vma.kind === 'anon' || !fileThpAllowed()) return;
  yield* lock_hpage();
  const n = w.cfg.geometry.ptesPerTable;
  // Step 1: every entry is none or hpage + i.
  const h1 = yield* pte_offset_map_lock(slot);
  if (!h1) { unlock_hpage(); return; }
  for (let i = 0; i < n; i++) {
    const e = ptep_get(h1, i);
    if (e.k === 'none') continue;
    if (e.k !== 'present' || e.page !== w.filePages[i]) {
      pte_unmap_unlock(h1);
      unlock_hpage();
      return;
    }
  }
  pte_unmap_unlock(h1);
  yield;
  mmu_notifier_invalidate_range_start(w.mm, ...pmdRange(slot));
  let pml: SpinLock | null = null;
  if (vma.uffd !== 'none' && !vma.shared && !mmv.collapseNoEarlyPml && !mmv.collapseTrylockV2) pml = yield* pmd_lock();
  // Step 2: clear the PTEs under the ptl.
  const h = yield* pte_offset_map_nolock(slot, 'nolock');
  if (!h) {
    if (pml) spin_unlock(pml);
    mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(slot));
    unlock_hpage();
    return;
  }
  const ptl = h.ptl;
  if (!pml) yield* spin_lock_wait(ptl);
  else if (ptl !== pml) yield* spin_lock_wait(ptl, 'spin_lock_nested');
  // v6.13+ (Qi Zheng): keep the table mapped (RCU held) until step 4 and recheck the pmd under
  // the ptl, because PT_RECLAIM may free an empty table concurrently.
  const keepMapped = eraAtLeast(w.adapter.era, 'v6.13');
  let nr_ptes = 0;
  /** Virtual pages whose PTEs this collapse cleared (C-GA-9 checks them at abort). */
  const cleared: { vpn: number; page: Page }[] = [];
  const abort = (ptlHeld: boolean, pmlHeld: boolean): Step => collapse_abort({ nr_ptes, cleared, h, ptl, pml }, ptlHeld, pmlHeld);
  if (keepMapped && !pmd_same(h.pmdval, w.mm.pmds[slot]!)) return yield* abort(true, true);
  for (let pass = 0; ; pass++) {
    for (let i = 0; i < n; i++) {
      const e = ptep_get(h, i);
      if (e.k === 'none') continue;
      if (e.k !== 'present' || e.page !== w.filePages[i]) return yield* abort(true, true);
      if (mmv.collapseNoClear) {
        // B31: the rmap goes, the PTE stays ("Must clear entry, or a racing truncate may re-remove it", S2:584-586).
        w.record(`(no ptep_clear of ${w.ptName(h.va)}[${i}])`, [w.ptName(h.va)]);
      } else if (mmv.collapsePteClear) {
        set_pte_at(h, i, PTE_NONE, 'pte_clear');
      } else {
        set_pte_at(h, i, PTE_NONE, 'ptep_clear');
      }
      page_remove_rmap(e.page);
      rss_dec(e.page, !mmv.collapsePteClear);
      nr_ptes++;
      cleared.push({ vpn: vpn(slot, i), page: e.page });
    }
    if (!mmv.collapseTrylockV2 || pml || pass > 0) break;
    // B23, v2 (S2:187-215): "trylock pmd lock without dropping ptlock: if that fails, drop and
    // retake ptlock around taking pmd lock, and just in the uffd private case, go back to
    // recheck and empty the page table" -- with nr_ptes reset to 0 for the accounting.
    yield;
    const pmlock = pmd_lockptr();
    if (pmlock === ptl) {
      pml = ptl;
      break;
    }
    if (pmlock.holder === null) {
      spin_lock(pmlock, 'spin_trylock');
      pml = pmlock;
      break;
    }
    w.record(`spin_trylock(${pmlock.name}) failed`);
    spin_unlock(ptl);
    yield;
    pml = yield* pmd_lock();
    yield* spin_lock_wait(ptl, 'spin_lock_nested');
    // v6.13+: the table may have been reclaimed while neither lock was held.
    if (keepMapped && !pmd_same(h.pmdval, w.mm.pmds[slot]!)) return yield* abort(true, true);
    if (!(vma.uffd !== 'none' && !vma.shared)) break;
    nr_ptes = 0;
  }
  if (!keepMapped) pte_unmap(h);
  if (!pml) spin_unlock(ptl);
  yield;
  // Step 4: remove the table.
  if (!pml) {
    pml = yield* pmd_lock();
    if (ptl !== pml) {
      yield* spin_lock_wait(ptl, 'spin_lock_nested');
      if (keepMapped && !pmd_same(h.pmdval, w.mm.pmds[slot]!)) {
        spin_unlock(pml);
        return yield* abort(true, false);
      }
    }
  }
  const pgt_pmd = yield* pmdp_collapse_flush(slot);
  if (pmdKind(pgt_pmd) !== 'table') return;
  yield* pmdp_get_lockless_sync();
  if (ptl !== pml) spin_unlock(ptl);
  if (keepMapped) pte_unmap(h);
  if (mmv.replacePageTables) {
    // B33 (hypothetical replace_page_tables() on a deposit arch): keep the retracted table,
    // deposited under the huge pmd, instead of pte_free_defer() (S2:6931-6941, S2:1466-1469).
    install_huge_pmd_deposit(slot, pgt_pmd);
    spin_unlock(pml);
    mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(slot));
    unlock_hpage();
    return;
  }
  spin_unlock(pml);
  mmu_notifier_invalidate_range_end(w.mm, ...pmdRange(slot));
  w.mm.nr_ptes--;
  yield* call_pte_free_defer(pmd_pgtable(pgt_pmd));
  // maybe_install_pmd: set_huge_pmd.
  const pml2 = yield* pmd_lock();
  if (pmdKind(w.mm.pmds[slot]!) === 'none') {
    w.mm.pmds[slot] = mk_huge_pmd(w.filePages[0]!);
    for (const p of w.filePages) page_add_rmap(p);
    w.record(`set_huge_pmd(pmd${slot})`);
  }
  spin_unlock(pml2);
  unlock_hpage();
}
