/**
 * hugetlb PMD table sharing (CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING, mm/hugetlb.c) and its
 * unsharing, `huge_pmd_unshare()`, against GUP-fast.
 *
 * A PMD table of hugetlb leaf pmds can be shared between the mms that map the same hugetlbfs
 * file range (`huge_pmd_share()`): each mm's pud points to it, and its ptdesc counts the sharers
 * (`pt_share_count`). `huge_pmd_unshare()`, under `i_mmap_rwsem` write, the hugetlb VMA lock and
 * the table's ptl, clears this mm's pud and drops its reference. From then on the last sharer
 * owns the table alone and, once `i_mmap_rwsem` is dropped, may munmap its hugetlb VMA and reuse
 * the table for unrelated mappings. A GUP-fast walker of the unsharing mm (IRQs off, no locks)
 * that read the pud before the clear would then read the other mm's entries and take a reference
 * to its pages. So the unsharer must, before dropping `i_mmap_rwsem`, flush the TLB of the PUD
 * range and wait for IRQs-off walkers (`tlb_remove_table_sync_one()`), C-HUGE-1.
 *
 * Eras (the model runs the 2026 code; the historical ones are mm variants of broken fixtures):
 *  - before Nadav Amit's "hugetlbfs: flush TLBs correctly after huge_pmd_unshare" (a4a118f2eead,
 *    v5.16, CVE-2021-4002): the flush was left to the caller's `tlb_finish_mmu()`, after
 *    `i_mmap_rwsem` was released (variant `hugetlbUnshare: 'flush-after-unlock'`);
 *  - from then until Jann Horn's "mm/hugetlb: fix huge_pmd_unshare() vs GUP-fast race"
 *    (1013af4f585f, 2025): `tlb_flush_mmu_tlbonly()` before the unlock, no IPI sync, which
 *    waits for GUP-fast only where the flush itself IPIs the walker's CPU (variant
 *    `hugetlbUnshare: 'no-sync'`);
 *  - 1013af4f585f: `tlb_remove_table_sync_one()` inline in `huge_pmd_unshare()` for every
 *    unshare (variant `'sync-inline'`, correct, one broadcast IPI per table);
 *  - 2026 (David Hildenbrand, "mm/hugetlb: fix excessive IPI broadcasts when unsharing PMD tables
 *    using mmu_gather", Dec 2025): `tlb_unshare_pmd_ptdesc()` records `unshared_tables` and, when
 *    the table became exclusive, `fully_unshared_tables` in the mmu_gather;
 *    `huge_pmd_unshare_flush()` → `tlb_flush_unshared_tables()` flushes and IPIs once, before
 *    `i_mmap_rwsem` is dropped.
 *
 * Model simplifications: one shared table of the mm's whole PUD range, shared with exactly one
 * other mm (mm B, not otherwise modelled), so an unshare always makes it exclusive
 * (`fully_unshared_tables` is always set; the "not the last sharer, no IPI" case is not drawn);
 * mm B reuses the table at the earliest moment it may (as `i_mmap_rwsem` is released after the
 * unshare: its munmap of the hugetlb VMA and its new mappings are one step); the hugetlbfs file's
 * `i_mmap_rwsem` is the model's one file rwsem; the hugetlb VMA lock is not modelled; the
 * `unshared_tables` / `fully_unshared_tables` bits live beside the mmu_gather, not in it; the
 * unsharer's own TLB entries and hardware walks of hugetlb pages are not modelled (only GUP-fast
 * walks the shared table).
 */
import { eraAtLeast, type Adapter } from '../adapter/types';
import type { Step } from '../model/actor';
import type { MmuGather } from '../model/gather';
import { PAGE_SIZE, type SpinLock } from '../model/types';
import { current, type World } from '../model/world';
import { spin_lock_wait, spin_unlock } from '../kernel/sync';
import { i_mmap_lock_write, i_mmap_unlock_write } from './locking';
import { tlb_finish_mmu, tlb_flush_mmu_tlbonly, tlb_flush_pmd_range, tlb_gather_mmu } from './mmu_gather';
import { local_irq_disable, local_irq_enable, tlb_remove_table_sync_one } from './tlbflush';

/** Arches that select ARCH_WANT_HUGE_PMD_SHARE (x86_64, arm64, riscv 64-bit). */
const PMD_SHARE_ARCHES = ['x86', 'arm64', 'riscv'];

/**
 * Whether the hugetlb PMD-sharing ops run for `adapter`: an arch with
 * CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING, SMP, in the 2026 era (the code the model runs; earlier
 * eras had the bugs of the broken fixtures, and are not judged on it).
 */
export function hugetlbPmdSharing(adapter: Adapter): boolean {
  return PMD_SHARE_ARCHES.includes(adapter.arch) && adapter.declarations.SMP && eraAtLeast(adapter.era, '2026');
}

/** The shared hugetlb PMD table of a run and who links it. */
export interface HugetlbShare {
  /** `pt_share_count` + 1: the mms whose pud points to the table (this mm and mm B at first). */
  sharers: number;
  /** This mm's pud points to the table. */
  linked: boolean;
  /** mm B, its sole owner now, reused it for unrelated mappings (its entries are B's). */
  reused: boolean;
  /** The table's ptl (`huge_pte_lock()` → the PMD table's split ptlock). */
  ptl: SpinLock;
}

const shares = new WeakMap<World, HugetlbShare>();

/** The run's shared hugetlb PMD table (created, shared by this mm and mm B, on first use). */
export function hugetlbShare(w: World = current()): HugetlbShare {
  let s = shares.get(w);
  if (!s) {
    s = { sharers: 2, linked: true, reused: false, ptl: w.newLock('ptl(hugetlb pmd table)') };
    shares.set(w, s);
  }
  return s;
}

/** `mmu_gather::unshared_tables` and `fully_unshared_tables` (2026), kept beside the gather. */
interface UnshareBits {
  unshared_tables: boolean;
  fully_unshared_tables: boolean;
}

/** The whole user range of the mm: the PUD range of the shared table. */
function pudRangeBytes(): number {
  const g = current().cfg.geometry;
  return g.slots * g.ptesPerTable * PAGE_SIZE;
}

/**
 * 2026 `tlb_unshare_pmd_ptdesc(tlb, pt, addr)` (include/asm-generic/tlb.h): drop the reference,
 * widen the flush to the PUD range, and note whether the table is now exclusive.
 */
function tlb_unshare_pmd_ptdesc(tlb: MmuGather, bits: UnshareBits, s: HugetlbShare): void {
  s.sharers--;
  tlb_flush_pmd_range(tlb, 0, pudRangeBytes());
  if (s.sharers <= 1) bits.fully_unshared_tables = true;
  bits.unshared_tables = true;
}

/**
 * 2026 `tlb_flush_unshared_tables(tlb)` (via `huge_pmd_unshare_flush()`, i_mmap_rwsem still
 * held): flush the TLB if any table was unshared, and IPI-wait for GUP-fast if one became
 * exclusive.
 */
function* tlb_flush_unshared_tables(tlb: MmuGather, bits: UnshareBits): Step {
  if (bits.unshared_tables) yield* tlb_flush_mmu_tlbonly(tlb);
  bits.unshared_tables = false;
  if (bits.fully_unshared_tables) {
    yield* tlb_remove_table_sync_one();
    bits.fully_unshared_tables = false;
  }
}

/**
 * `huge_pmd_unshare(tlb, vma, addr, ptep)` with the table's ptl held: 0 when the table is not
 * shared (or this mm no longer links it), else clear this mm's pud and drop the reference as
 * the era (or mm variant) does.
 */
function* huge_pmd_unshare(tlb: MmuGather, bits: UnshareBits, s: HugetlbShare): Step<boolean> {
  const w = current();
  if (!s.linked || s.sharers <= 1) return false;
  s.linked = false;
  w.record('huge_pmd_unshare: pud_clear(pud) (shared hugetlb pmd table)');
  const variant = w.decl.mm?.hugetlbUnshare;
  if (variant === undefined) {
    tlb_unshare_pmd_ptdesc(tlb, bits, s);
  } else {
    if (variant === 'sync-inline') yield* tlb_remove_table_sync_one();
    s.sharers--;
    tlb_flush_pmd_range(tlb, 0, pudRangeBytes());
  }
  w.record(() => `ptdesc_pmd_pts_dec: ${s.sharers} sharer(s) left`);
  return true;
}

/** mm B, the table's sole owner, munmaps its hugetlb VMA and reuses the table (the earliest it may). */
function otherMmReuses(s: HugetlbShare): void {
  if (s.sharers > 1 || s.linked || s.reused) return;
  s.reused = true;
  current().record('mm B: munmap(hugetlb VMA) + mmap: the now-exclusive pmd table holds mm B\'s new entries');
}

/**
 * This mm's unmap of its hugetlb VMA over the shared range (`__unmap_hugepage_range()` under
 * `i_mmap_lock_write()` as `__unmap_hugepage_range_final()` / `hugetlb_unshare_pmds()` take it):
 * `huge_pte_lock`, `huge_pmd_unshare`, unlock, the era's flush, `i_mmap_unlock_write`.
 */
export function* hugetlb_unshare(): Step {
  const w = current();
  const s = hugetlbShare(w);
  const variant = w.decl.mm?.hugetlbUnshare;
  const tlb = tlb_gather_mmu(w.mm, false);
  const bits: UnshareBits = { unshared_tables: false, fully_unshared_tables: false };
  yield* i_mmap_lock_write();
  yield* spin_lock_wait(s.ptl);
  const unshared = yield* huge_pmd_unshare(tlb, bits, s);
  spin_unlock(s.ptl);
  yield;
  if (variant === undefined) yield* tlb_flush_unshared_tables(tlb, bits);
  else if (unshared && variant !== 'flush-after-unlock') yield* tlb_flush_mmu_tlbonly(tlb);
  i_mmap_unlock_write();
  otherMmReuses(s);
  yield;
  yield* tlb_finish_mmu(tlb);
}

/**
 * GUP-fast of a hugetlb address of this mm (`gup_fast_pud_range` → `gup_fast_pmd_range` →
 * `gup_fast_pmd_leaf`): IRQs off, read the pud, then the hugetlb leaf pmd in the table it points
 * to, and take a folio reference. C-HUGE-1: the table must still be this mm's.
 */
export function* gup_fast_hugetlb(index: number): Step {
  const w = current();
  const s = hugetlbShare(w);
  local_irq_disable();
  const linked = s.linked;
  w.record(() => `gup_fast: pudp_get_lockless(hugetlb pud) = ${linked ? 'shared pmd table' : 'none'}`);
  if (linked) {
    yield;
    w.record(() => `gup_fast: pmdp_get_lockless(hugetlb pmd table[${index}])`);
    if (s.reused) {
      w.violate('C-HUGE-1', `gup_fast on ${w.cur.name} read the hugetlb pmd table its mm unshared, after mm B reused it: it takes a reference to mm B's page (the unsharer did not wait for IRQs-off walkers before dropping i_mmap_rwsem)`);
    } else {
      w.record('gup_fast: try_grab_folio(hugetlb folio)');
    }
  }
  yield;
  local_irq_enable();
}
