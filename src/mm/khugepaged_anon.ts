/**
 * khugepaged's anonymous collapse (mm/khugepaged.c, v6.6 shape; the modelled steps are the same
 * in v6.15 and 2026): `hpage_collapse_scan_pmd()` under mmap_read_lock, then
 * `collapse_huge_page()`: mmap_write_lock, vma_start_write, anon_vma_lock_write, under the pmd
 * lock `pmdp_collapse_flush()`, `tlb_remove_table_sync_one()` for gup_fast,
 * `__collapse_huge_page_isolate()` through the saved `_pmd` (restoring the table on failure),
 * `__collapse_huge_page_copy_succeeded()` (`ptep_clear()` of every old entry under the ptl, which
 * on powerpc DEBUG_VM calls `assert_pte_locked()`, B26), then, under the pmd lock, the old table
 * is kept: `pgtable_trans_huge_deposit()` and `set_pmd_at()` of the huge pmd.
 *
 * Model simplifications (docs/kernel-notes/generic.md "Anonymous collapse"): the new THP is
 * allocated at the end rather than before taking the locks; a uffd-registered VMA is skipped
 * (the kernel skips uffd-wp entries and counts none entries against max_ptes_none, which
 * userfaultfd_armed() sets to 0); the copy is instantaneous; swap entries and markers fail the
 * isolate (no swapin); at least one present anon page is required (SCAN_LACK_REFERENCED_PAGE).
 */
import type { Step } from '../model/actor';
import { PTE_NONE, type Page, type Pte } from '../model/types';
import { current } from '../model/world';
import { callHook } from '../model/coroutine';
import { spin_lock_wait, spin_unlock } from '../kernel/sync';
import { mmap_read_lock, mmap_read_unlock, mmap_write_lock, mmap_write_unlock } from './locking';
import { dirtyWritableHolders, newAnonPage, pmd_pgtable, vpn } from './memory';
import { pte_write_flush } from './context';
import { put_page } from './mmu_gather';
import { mk_huge_pmd, pgtable_trans_huge_deposit } from './huge_memory';
import { pmd_lock, pmd_page_vaddr, pmdKind, pmdp_collapse_flush, pte_lockptr, pte_offset_map_lock, pte_unmap_unlock, ptep_get } from './pgtable_generic';
import { tlb_remove_table_sync_one } from './tlbflush';
import { page_add_rmap, page_remove_rmap, rss_dec } from './rmap';

/** Whether an entry may be collapsed: none, or a present anon page. */
function collapsible(e: Pte): boolean {
  return e.k === 'none' || (e.k === 'present' && e.page.data?.kind === 'anon' && e.page.gen === e.gen);
}

/** The VMA checks of `hugepage_vma_revalidate()` / `hugepage_vma_check()` for an anon collapse. */
function anonVmaOk(slot: number): boolean {
  const w = current();
  const vma = w.mm.vmas[slot]!;
  return vma.attached && vma.kind === 'anon' && vma.uffd === 'none' && w.mm.users > 0 && w.mm.state === 'live';
}

/** `hpage_collapse_scan_pmd()` under mmap_read_lock: every entry collapsible, one present at least. */
function* hpage_collapse_scan_pmd(slot: number): Step<boolean> {
  const w = current();
  if (!anonVmaOk(slot)) return false;
  const h = yield* pte_offset_map_lock(slot);
  if (!h) return false;
  let present = 0;
  let ok = true;
  for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
    const e = ptep_get(h, i);
    if (!collapsible(e)) ok = false;
    else if (e.k === 'present') present++;
  }
  pte_unmap_unlock(h);
  return ok && present > 0;
}

/** Read an entry of the detached table through the collapse's own `_pmd` (no reader can reach it). */
function entryOf(page: Page, va: number, i: number): Pte {
  const w = current();
  return page.slots[w.slotIndex(va, i)] ?? PTE_NONE;
}

/**
 * `ptep_clear(mm, address, ptep)` of an entry of the detached old table, with the ptl held:
 * powerpc's DEBUG_VM `pte_update()` first calls `assert_pte_locked(mm, address)`, which re-walks
 * the page tables of `mm` (and finds the pmd none: C-RM-12).
 */
function* ptep_clear_detached(slot: number, page: Page, va: number, i: number): Step {
  const w = current();
  const hook = w.adapter.assert_pte_locked;
  if (hook) {
    const before = w.violations.length;
    yield* callHook(hook.call(w.adapter, w.mm, slot, i));
    const fired = w.violations.slice(before).find((v) => v.contract === 'C-BUG' || v.contract === 'C-WARN');
    if (fired) {
      // The helper's own BUG/WARN is the symptom; the contract it breaks is C-RM-12, reported first.
      const message = `assert_pte_locked() from ptep_clear() in __collapse_huge_page_copy_succeeded() (${w.cur.name}) does not tolerate the collapse transition: pmd${slot} is none after pmdp_collapse_flush(), and the assertion ${fired.contract === 'C-BUG' ? 'BUGs' : 'warns'} (${fired.message})`;
      w.violations.splice(before, 0, { contract: 'C-RM-12', message, step: fired.step });
    }
  }
  const table = w.ptName(va);
  w.record(() => `ptep_clear(${table}[${i}])`, table);
  page.slots[w.slotIndex(va, i)] = PTE_NONE;
  // sparc64: the PTE write itself flushes the page.
  yield* pte_write_flush(vpn(slot, i), vpn(slot, i) + 1, 'set_pte_at: tlb_batch_add');
}

/**
 * C-GA-7 at `__collapse_huge_page_copy()`: the old pages are copied into the huge page while the
 * old PTEs still map them, so no CPU running the mm may still cache a dirty writable translation
 * of one: a store through it after the copy is lost (`pmdp_collapse_flush()` must have flushed
 * them; with the pmd none and the mmap lock held for write nothing can refill the TLB).
 */
function checkCollapseCopy(slot: number, page: Page, va: number): void {
  const w = current();
  for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
    const e = entryOf(page, va, i);
    if (e.k !== 'present') continue;
    const holders = dirtyWritableHolders(vpn(slot, i), e.page);
    if (holders.length) {
      w.violate('C-GA-7', `collapse_huge_page copies ${w.pageName(e.page)} (pmd${slot}[${i}]) into the huge page while ${holders.map((a) => a.name).join(', ')} still cache(s) a dirty writable translation of it: a store through that TLB entry after the copy is lost (pmdp_collapse_flush() did not flush it)`);
      return;
    }
  }
}

/** khugepaged on an anonymous pmd: scan under mmap_read_lock, then `collapse_huge_page()`. */
export function* khugepaged_collapse_anon(slot: number): Step {
  yield* mmap_read_lock();
  const ok = yield* hpage_collapse_scan_pmd(slot);
  // collapse_huge_page(): "mmap_read_unlock(mm)" before taking it for write.
  mmap_read_unlock();
  if (!ok) return;
  yield;
  yield* collapse_huge_page(slot);
}

/** `collapse_huge_page(mm, address, referenced, unmapped, cc)` (v6.6). */
function* collapse_huge_page(slot: number): Step {
  const w = current();
  yield* mmap_write_lock();
  // hugepage_vma_revalidate() + find_pmd_or_thp_or_none().
  if (!anonVmaOk(slot) || pmdKind(w.mm.pmds[slot]!) !== 'table') {
    mmap_write_unlock();
    return;
  }
  w.record('vma_start_write(); anon_vma_lock_write()');
  w.record('mmu_notifier_invalidate_range_start()');
  const pml = yield* pmd_lock();
  // "This removes any huge TLB entry from the CPU ...": the pmd lock only, the mmap write lock
  // and the anon_vma lock keep every other user of the table away.
  const _pmd = yield* pmdp_collapse_flush(slot, 'anon');
  spin_unlock(pml);
  w.record('mmu_notifier_invalidate_range_end()');
  // "Parallel fast GUP is fine since fast GUP will back off when it detects PMD is changed":
  // tlb_remove_table_sync_one() waits for any gup_fast that read the old pmd (v6.1+).
  yield* tlb_remove_table_sync_one();
  // pte_offset_map_lock(mm, &_pmd, address, &pte_ptl): through the saved value.
  const va = pmd_page_vaddr(_pmd);
  const page = w.pageOfVa(va)!;
  const ptl = pte_lockptr(_pmd);
  yield* spin_lock_wait(ptl);
  const n = w.cfg.geometry.ptesPerTable;
  let isolated = true;
  for (let i = 0; i < n; i++) if (!collapsible(entryOf(page, va, i))) isolated = false;
  spin_unlock(ptl);
  if (!isolated) {
    // "We can only use set_pmd_at when establishing hugepmds and never for establishing regular
    // pmds that points to regular pagetables. Use pmd_populate for that".
    yield* spin_lock_wait(pml);
    w.mm.pmds[slot] = _pmd;
    w.record(`__collapse_huge_page_isolate failed: pmd_populate(pmd${slot}, ${w.ptName(va)})`);
    spin_unlock(pml);
    w.record('anon_vma_unlock_write()');
    mmap_write_unlock();
    return;
  }
  w.record('anon_vma_unlock_write()');
  checkCollapseCopy(slot, page, va);
  // __collapse_huge_page_copy() → __collapse_huge_page_copy_succeeded(): for each old entry,
  // "ptl mostly unnecessary, but preempt has to be disabled to update the per-cpu stats".
  for (let i = 0; i < n; i++) {
    const e = entryOf(page, va, i);
    if (e.k !== 'present') continue;
    yield* spin_lock_wait(ptl);
    yield* ptep_clear_detached(slot, page, va, i);
    page_remove_rmap(e.page);
    spin_unlock(ptl);
    rss_dec(e.page);
    // free_page_and_swap_cache(src_page): the TLB was flushed by pmdp_collapse_flush().
    put_page(e.page);
    yield;
  }
  const hpage = newAnonPage();
  const pml2 = yield* pmd_lock();
  if (pmdKind(w.mm.pmds[slot]!) !== 'none') w.violate('C-BUG', `collapse_huge_page: BUG_ON(!pmd_none(*pmd)) on pmd${slot}`);
  page_add_rmap(hpage);
  pgtable_trans_huge_deposit(slot, pmd_pgtable(_pmd));
  w.mm.pmds[slot] = mk_huge_pmd(hpage);
  w.record(() => `set_pmd_at(pmd${slot}, huge ${w.pageName(hpage)})`);
  spin_unlock(pml2);
  mmap_write_unlock();
}
