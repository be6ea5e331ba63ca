/**
 * The life of a huge pmd and its deposited page table (mm/huge_memory.c, mm/pgtable-generic.c,
 * v6.6 shape, unchanged in the modelled respects up to 2026):
 * `pgtable_trans_huge_deposit()` / `pgtable_trans_huge_withdraw()`, `zap_huge_pmd()` with
 * `zap_deposited_table()`, and `__split_huge_pmd()` (`__split_huge_pmd_locked()`).
 *
 * Model simplifications (docs/kernel-notes/generic.md "Huge pmds and deposited tables"):
 * - one huge pmd per slot, one deposited table per huge pmd (the kernel's FIFO list of
 *   `pmd_huge_pte` never holds more than one table per pmd either);
 * - an anon THP is one data page mapped PTESPERTABLE times after a split (no subpages);
 * - the split is `pmdp_huge_clear_flush()` then populate: the kernel's `pmdp_invalidate()` keeps
 *   an invalid huge pmd in place meanwhile, which every walker of the model treats as none too.
 */
import type { PgtableT } from '../adapter/types';
import type { MmuGather } from '../model/gather';
import type { Step } from '../model/actor';
import { PMD_HUGE, PMD_PRESENT, type Page } from '../model/types';
import { current } from '../model/world';
import { depositsOf, markStale } from '../model/deposit';
import { callHook } from '../model/coroutine';
import { spin_unlock } from '../kernel/sync';
import { lockdep_assert_held } from '../model/lockdep';
import { arch_flush_tlb_range, pte_write_flush } from './context';
import { call_pte_free_defer } from './defer';
import { pgtableVa, pmdRange, tableFreeing } from './memory';
import { __tlb_remove_page_size, put_page } from './mmu_gather';
import { mk_table_pmd, pmd_lock, pmd_lockptr, pmd_page_vaddr, pmdKind } from './pgtable_generic';
import { page_add_rmap, page_remove_rmap, rss_dec } from './rmap';

/** The huge pmd value mapping `page`. */
export function mk_huge_pmd(page: Page): number {
  return current().vaOfPage(page) + PMD_PRESENT + PMD_HUGE;
}

/** The data page a huge pmd maps (the file THP's first page, or an anon THP). */
function hugePmdPage(raw: number): Page {
  const w = current();
  return w.pageOfVa(pmd_page_vaddr(raw))!;
}

/** Whether the huge pmd maps the file THP (the page cache pages) rather than an anon THP. */
function mapsFileThp(raw: number): boolean {
  return hugePmdPage(raw) === current().filePages[0];
}

/**
 * `pgtable_trans_huge_deposit(mm, pmdp, pgtable)` under the pmd lock. The generic version links
 * the table through `page->lru`; powerpc (radix and hash), s390 and sparc64, whose pgtable_t is
 * a `pte_t *` (`pgtableIsPtePointer`), thread the `list_head` through the first two words of the
 * table itself (`INIT_LIST_HEAD(lh)`: both point at the table), so the model writes those words.
 * A reader that still maps the table sees them (C-MAP-8), and every pte_offset_map handle of the
 * table is marked: what it reads from now on postdates its snapshot (B33).
 */
export function pgtable_trans_huge_deposit(slot: number, pgtable: PgtableT): void {
  const w = current();
  lockdep_assert_held(w, pmd_lockptr(), `pgtable_trans_huge_deposit(pmd${slot})`);
  const va = pgtableVa(pgtable);
  const table = w.ptName(va);
  depositsOf(w.mm).set(slot, pgtable);
  w.record(() => `pgtable_trans_huge_deposit(pmd${slot}, ${table})`, table);
  const page = w.pageOfVa(va);
  if (w.decl.pgtableIsPtePointer && page) {
    for (let i = 0; i < Math.min(2, w.cfg.geometry.ptesPerTable); i++) page.slots[w.slotIndex(va, i)] = { k: 'junk', v: va };
  }
  for (const a of w.tasks) for (const h of a.handles) if (h.va === va) markStale(h);
}

/**
 * `pgtable_trans_huge_withdraw(mm, pmdp)` under the pmd lock: the deposited table, with the arch
 * versions' clearing of the two list words (`*ptep = __pte(0)` on powerpc and sparc64,
 * `_PAGE_INVALID` on s390: none either way). Null when nothing was deposited (the file THP of
 * collapse_pte_mapped_thp(), whose table was freed by pte_free_defer()).
 */
export function pgtable_trans_huge_withdraw(slot: number): PgtableT | null {
  const w = current();
  const m = depositsOf(w.mm);
  const pgtable = m.get(slot);
  if (pgtable === undefined) return null;
  lockdep_assert_held(w, pmd_lockptr(), `pgtable_trans_huge_withdraw(pmd${slot})`);
  m.delete(slot);
  const va = pgtableVa(pgtable);
  const table = w.ptName(va);
  w.record(() => `pgtable_trans_huge_withdraw(pmd${slot}) = ${table}`, table);
  const page = w.pageOfVa(va);
  if (w.decl.pgtableIsPtePointer && page && page.use === 'table') {
    for (let i = 0; i < Math.min(2, w.cfg.geometry.ptesPerTable); i++) page.slots[w.slotIndex(va, i)] = { k: 'none' };
  }
  return pgtable;
}

/**
 * The deposit of a huge pmd that `move_huge_pmd()` (mremap) moves from `oldSlot` to `newSlot`.
 * The kernel keeps deposited tables per PMD table page (`pmd_huge_pte()`: `ptdesc->pmd_huge_pte`
 * with split PMD ptlocks, else `mm->pmd_huge_pte`); both slots of the model are in one PMD table
 * under one pmd lock, so `pmd_move_must_withdraw()` is false and the table stays where it is.
 * The model keys deposits by slot, so the key follows the huge pmd (no trace step: nothing moves).
 */
export function move_huge_pmd_deposit(oldSlot: number, newSlot: number): void {
  const m = depositsOf(current().mm);
  const pgtable = m.get(oldSlot);
  if (pgtable === undefined) return;
  m.delete(oldSlot);
  m.set(newSlot, pgtable);
}

/**
 * `zap_deposited_table(mm, pmd)`: withdraw and `pte_free()` at once, `mm_dec_nr_ptes()`. Under
 * MmVariant.replacePageTables a deposited table may be a retracted one that RCU readers still
 * map, and "pte_free_defer() as written protects the deposited ptetable from then being freed
 * without deferral" (S2:6931-6941): the variant frees it with pte_free_defer(), so that what B33
 * shows is the reuse, not an immediate free.
 */
function* zap_deposited_table(slot: number): Step {
  const w = current();
  const pgtable = pgtable_trans_huge_withdraw(slot);
  if (pgtable === null) return;
  w.mm.nr_ptes--;
  if (w.decl.mm?.replacePageTables) return yield* call_pte_free_defer(pgtable);
  tableFreeing(pgtableVa(pgtable));
  yield* callHook(w.adapter.pte_free(w.mm, pgtable));
}

/** Drop the mapping a huge pmd held (rmap, rss; an anon THP's reference through the gather, or at once). */
function unmapHugePage(raw: number, tlb: MmuGather | null): void {
  const w = current();
  if (mapsFileThp(raw)) {
    for (const p of w.filePages) {
      page_remove_rmap(p);
      rss_dec(p);
    }
    return;
  }
  const hpage = hugePmdPage(raw);
  page_remove_rmap(hpage);
  rss_dec(hpage);
  if (tlb) __tlb_remove_page_size(tlb, hpage, false, null);
  else put_page(hpage);
}

/**
 * `zap_huge_pmd(tlb, vma, pmd, addr)`: under the pmd lock, clear the huge pmd, free its deposited
 * table (`zap_deposited_table()`: `pte_free()` at once, the table being unreachable since its
 * collapse) and drop the THP's mappings (an anon THP is freed through the gather, after the flush).
 */
export function* zap_huge_pmd(slot: number, tlb: MmuGather | null = null): Step {
  const w = current();
  const pml = yield* pmd_lock();
  const raw = w.mm.pmds[slot]!;
  if (pmdKind(raw) === 'huge') {
    w.mm.pmds[slot] = 0;
    w.record(`zap_huge_pmd(pmd${slot})`);
    yield* zap_deposited_table(slot);
    unmapHugePage(raw, tlb);
  }
  spin_unlock(pml);
}

/**
 * `__split_huge_pmd(vma, pmd, address)` → `__split_huge_pmd_locked()` (mm/huge_memory.c, v6.6):
 * under the pmd lock, clear and flush the huge pmd; for a file THP drop the mapping and
 * `zap_deposited_table()` (a file THP is not remapped by PTEs, it faults back in); for an anon
 * THP withdraw the deposited table, fill it with PTEs mapping the THP and `pmd_populate()` it.
 * MmVariant.replacePageTables (B33) splits a file THP the anon way, refilling its deposited table.
 */
export function* split_huge_pmd(slot: number): Step {
  const w = current();
  const pml = yield* pmd_lock();
  const raw = w.mm.pmds[slot]!;
  if (pmdKind(raw) !== 'huge') {
    spin_unlock(pml);
    return;
  }
  const file = mapsFileThp(raw);
  const refill = !file || (w.decl.mm?.replacePageTables === true && depositsOf(w.mm).has(slot));
  w.mm.pmds[slot] = 0;
  w.record(`pmdp_huge_clear_flush(pmd${slot})`);
  const [start, end] = pmdRange(slot);
  yield* arch_flush_tlb_range(start, end, true);
  // sparc64: the huge pmd write itself flushes its translations; its flush_tlb_range() is empty.
  yield* pte_write_flush(start, end, 'set_pmd_at: tlb_batch_add');
  if (!refill) {
    yield* zap_deposited_table(slot);
    unmapHugePage(raw, null);
    spin_unlock(pml);
    return;
  }
  const pgtable = pgtable_trans_huge_withdraw(slot)!;
  const va = pgtableVa(pgtable);
  const page = w.pageOfVa(va)!;
  const vma = w.mm.vmas[slot]!;
  const per = w.cfg.geometry.ptesPerTable;
  for (let i = 0; i < per; i++) {
    const p = file ? w.filePages[i]! : hugePmdPage(raw);
    page.slots[w.slotIndex(va, i)] = { k: 'present', page: p, gen: p.gen, write: !file || vma.shared, dirty: false };
    page_add_rmap(p);
  }
  const table = w.ptName(va);
  w.record(() => `__split_huge_pmd_locked: set_ptes(${table}[0..${per - 1}])`, table);
  unmapHugePage(raw, null);
  w.mm.pmds[slot] = mk_table_pmd(va);
  w.record(() => `pmd_populate(pmd${slot}, ${table})`, table);
  spin_unlock(pml);
}
