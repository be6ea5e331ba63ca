/**
 * mm/memory.c and mm/mmap.c paths: page faults with table allocation (`__pte_alloc`), zap
 * with delayed rmap (`zap_pte_range`), `free_pgtables`, and the tables' model bookkeeping
 * (handed out, being freed) that lets the monitors see a fragment handed out twice.
 */
import { PROCESS_MM_ID } from '../model/mm';
import type { PgtableT } from '../adapter/types';
import type { Actor, MapHandle, Step } from '../model/actor';
import type { MmuGather } from '../model/gather';
import { PAGE_SIZE, PTE_NONE, type Page } from '../model/types';
import { current } from '../model/world';
import { spin_unlock } from '../kernel/sync';
import { callHook, runToEnd } from '../model/coroutine';
import { checkPinnedLink } from '../kernel/xen';
import { lock_hpage, unlock_hpage } from './pagelock';
import { zapDelaysRmap } from './era';
import { flush_tlb_range } from './tlbflush';
import { pte_write_flush } from './context';
import { __tlb_remove_page_size, tlb_flush_mmu, tlb_flush_mmu_tlbonly, tlb_flush_pmd_range, tlb_flush_rmaps, tlb_set_freed_tables } from './mmu_gather';
import { mk_table_pmd, pmd_lock, pmdKind, pmd_page_vaddr, pte_offset_map_lock, pte_unmap_unlock, ptep_get, set_pte_at } from './pgtable_generic';
import { page_add_rmap, page_remove_rmap, rss_dec, set_page_dirty } from './rmap';
import { ptReclaimScanEnd, type PtReclaim } from './pt_reclaim';
import { split_huge_pmd } from './huge_memory';

/** User virtual address of a pmd slot. */
export function slotAddress(slot: number): number {
  return slot * current().cfg.geometry.ptesPerTable * PAGE_SIZE;
}

/** Virtual page number of (slot, index). */
export function vpn(slot: number, index: number): number {
  return slot * current().cfg.geometry.ptesPerTable + index;
}

/** The virtual pages `[start, end)` of the pmd range of `slot` (`haddr` .. `haddr + PMD_SIZE`). */
export function pmdRange(slot: number): [number, number] {
  return [vpn(slot, 0), vpn(slot + 1, 0)];
}

/** The table address of a pgtable_t. */
export function pgtableVa(pg: PgtableT): number {
  const w = current();
  if (w.adapter.pgtable_to_va) return runToEnd(w.adapter.pgtable_to_va(pg), 'pgtable_to_va()');
  return typeof pg === 'number' ? pg : w.vaOfPage(pg);
}

/** `pmd_pgtable(pmdval)`: the arch's pgtable_t for a table pmd. */
export function pmd_pgtable(raw: number): PgtableT {
  const w = current();
  const va = pmd_page_vaddr(raw);
  return w.decl.pgtableIsPtePointer ? va : w.pageOfVa(va)!;
}

/** Mark a table as being freed (passed to pte_free, pte_free_defer or __pte_free_tlb). */
export function tableFreeing(va: number): void {
  current().tableStates.set(va, 'freeing');
}

/** Check a table just handed out by pte_alloc_one (C-LT-4, C-PPC-1) and mark it in use. */
function tableHandedOut(va: number): void {
  const w = current();
  const st = w.tableStates.get(va);
  // A sibling fragment (never used, or freed by another path) may be handed out while another
  // fragment of the page waits for its grace period; the deferred table itself may not (C-LT-4).
  const deferredAt = w.deferredTables.get(va);
  if (st === 'freeing' && deferredAt !== undefined && w.rcu.gpCompleted < deferredAt) {
    w.violate('C-LT-4', `pte_alloc_one handed out ${w.ptName(va)} again while its pte_free_defer still waits for its grace period`);
  } else if (st === 'in-use') {
    w.violate(w.adapter.arch !== 'powerpc' && w.decl.tablesPerPage === 2 ? 'C-S390-1' : 'C-PPC-1', `pte_alloc_one handed out ${w.ptName(va)}, which is already in use`);
  } else if (st === 'freeing' && (w.adapter.arch === 'powerpc' ? w.decl.tablesPerPage > 1 : w.decl.tablesPerPage > 2)) {
    w.violate('C-PPC-1', `pte_alloc_one handed out ${w.ptName(va)} again after it was freed: fragments are never reused`);
  }
  w.tableStates.set(va, 'in-use');
  w.deferredTables.delete(va);
}

/** `__pte_alloc(mm, pmd)`: allocate, then populate under pmd_lock if still none; else free the spare (C-RM-11). */
export function* __pte_alloc(slot: number): Step {
  const w = current();
  const pg = yield* callHook(w.adapter.pte_alloc_one(w.mm));
  // `if (!new) return -ENOMEM;`: a table address of 0 is NULL (s390 page_table_alloc returns it).
  if (pg === null || pg === 0) return;
  const va = pgtableVa(pg);
  tableHandedOut(va);
  yield;
  const pml = yield* pmd_lock();
  // Other CPUs run while this one holds the pmd lock (a spin_trylock of it fails meanwhile).
  yield;
  let spare: PgtableT | null = pg;
  if (pmdKind(w.mm.pmds[slot]!) === 'none') {
    // x86 pmd_populate(): paravirt_alloc_pte(mm, pfn) before set_pmd (Xen PV pins the table).
    if (w.adapter.paravirt_alloc_pte) {
      yield* callHook(w.adapter.paravirt_alloc_pte(w.mm, pg));
      checkPinnedLink(w, w.pageOfVa(va)!);
    }
    w.mm.nr_ptes++;
    w.mm.pmds[slot] = mk_table_pmd(va);
    const table = w.ptName(va);
    w.record(() => `pmd_populate(pmd${slot}, ${table})`, table);
    spare = null;
  }
  spin_unlock(pml);
  if (spare !== null) {
    tableFreeing(va);
    yield* callHook(w.adapter.pte_free(w.mm, spare!));
  }
}

/** Fill the current CPU's TLB with the translation of a present PTE, and write if asked. */
export function touch(h: MapHandle, slot: number, index: number, write: boolean): void {
  const w = current();
  const e = ptep_get(h, index);
  if (e.k !== 'present' || e.page.gen !== e.gen) return;
  const dirty = e.dirty || write;
  if (write && !e.dirty) set_pte_at(h, index, { ...e, dirty: true }, 'pte_mkdirty');
  w.cur.tlb.set(vpn(slot, index), { page: e.page, gen: e.gen, write: e.write, dirty });
  if (write) e.page.data!.content++;
}

/** A new anon data page (its references are the mappings). */
export function newAnonPage(): Page {
  const w = current();
  const p = w.allocPage('data', 'anon fault');
  p._refcount.counter = 0;
  p.data = { kind: 'anon', index: -1, mapcount: 0, dirty: true, content: 0, disk: 0, pagecache: false };
  return p;
}

/**
 * `handle_mm_fault()` for one address: `__pte_alloc` if needed, `pte_offset_map_lock`, install
 * the page (file page, or anon / COW for private), `update_mmu_cache`, fill the TLB.
 */
export function* do_fault(slot: number, index: number, write: boolean): Step {
  const w = current();
  const vma = w.mm.vmas[slot]!;
  // filemap_fault/shmem_fault return the folio locked and finish_fault installs the PTE before
  // unlocking it: khugepaged's collapse_file (which locks it too) cannot slip in between.
  const fileLocked = vma.kind !== 'anon';
  if (fileLocked) yield* lock_hpage();
  // do_huge_pmd_wp_page(): a write fault on a pmd-mapped file THP in a private mapping splits the
  // pmd (`__split_huge_pmd()`) and falls back to the PTE fault (VM_FAULT_FALLBACK). An anon THP
  // of the model is exclusive to its mm and is reused in place (no split).
  if (write && !vma.shared && vma.kind !== 'anon' && pmdKind(w.mm.pmds[slot]!) === 'huge') yield* split_huge_pmd(slot);
  if (pmdKind(w.mm.pmds[slot]!) === 'none') {
    yield* __pte_alloc(slot);
    yield;
  }
  const h = yield* pte_offset_map_lock(slot);
  if (!h) {
    if (fileLocked) unlock_hpage();
    return;
  }
  yield;
  const e = ptep_get(h, index);
  const cow = vma.kind !== 'anon' && !vma.shared && write;
  if (e.k === 'none') {
    const page = vma.kind === 'anon' || cow ? newAnonPage() : w.filePages[index]!;
    if (page.data!.kind === 'anon') vma.anonVma = true;
    set_pte_at(h, index, { k: 'present', page, gen: page.gen, write: write || vma.kind === 'anon' || vma.shared, dirty: write });
    page_add_rmap(page);
  }
  yield* callHook(w.adapter.update_mmu_cache?.(w.mm, slot, index));
  touch(h, slot, index, write);
  pte_unmap_unlock(h);
  if (fileLocked) unlock_hpage();
}

/**
 * `zap_pte_range(tlb, vma, pmd, addr, end)` (v6.5 shape, S4): clear every entry; dirty file
 * pages get `set_page_dirty` and, with `tlb_delay_rmap`, a delayed rmap and a forced flush
 * that happens before the ptl is dropped (`tlb_flush_rmaps`). With `reclaim` (MADV_DONTNEED
 * under PT_RECLAIM, v6.14+) it tracks `can_reclaim_pt` / `direct_reclaim` and tries the
 * fast path while the ptl is still held (`src/mm/pt_reclaim.ts`); the caller frees the table.
 */
export function* zap_pte_range(tlb: MmuGather, slot: number, reclaim?: PtReclaim): Step {
  const w = current();
  const n = w.cfg.geometry.ptesPerTable;
  let i = 0;
  while (i < n) {
    const h = yield* pte_offset_map_lock(slot);
    if (!h) {
      if (reclaim) reclaim.can = false;
      return;
    }
    let force_flush = false;
    let force_break = false;
    // arch_enter_lazy_mmu_mode(): the PTEs this pass clears, for arch_leave_lazy_mmu_mode() below.
    const lazyStart = i;
    /** File pages whose rmap went before any flush, with the virtual page they were mapped at. */
    const early: { v: number; page: Page }[] = [];
    for (; i < n; i++) {
      const e = ptep_get(h, i);
      if (e.k === 'none') continue;
      if (e.k === 'junk') {
        if (reclaim) reclaim.can = false; // any_skipped
        continue;
      }
      set_pte_at(h, i, PTE_NONE, 'ptep_get_and_clear_full');
      if (w.decl.ptepClearFlushes) yield* flush_tlb_range(vpn(slot, i), vpn(slot, i) + 1, false, 'IPTE');
      tlb_flush_pmd_range(tlb, slotAddress(slot) + i * PAGE_SIZE, PAGE_SIZE);
      if (e.k !== 'present') continue;
      const page = e.page;
      let delay_rmap = false;
      if (page.data!.kind !== 'anon') {
        if (e.dirty) {
          set_page_dirty(page);
          if (w.decl.tlbDelayRmap && (zapDelaysRmap(w.adapter.era) || w.decl.mm?.zapDelayedRmap) && !w.decl.mm?.zapEarlyRmap) {
            delay_rmap = true;
            force_flush = true;
          }
        }
      }
      rss_dec(page);
      if (!delay_rmap) {
        page_remove_rmap(page);
        if (page.data!.kind !== 'anon') early.push({ v: vpn(slot, i), page });
      }
      const full = __tlb_remove_page_size(tlb, page, delay_rmap, { slot, index: i });
      yield;
      if (full) {
        force_flush = true;
        force_break = true;
        i++;
        break;
      }
    }
    // arch_leave_lazy_mmu_mode(): sparc64 flushes its tlb_batch of the cleared PTEs here, under the ptl.
    if (i > lazyStart) yield* pte_write_flush(vpn(slot, lazyStart), vpn(slot, i), 'arch_leave_lazy_mmu_mode');
    if (reclaim) ptReclaimScanEnd(reclaim, h, slot, force_break, i === n);
    if (force_flush) {
      yield* tlb_flush_mmu_tlbonly(tlb);
      tlb_flush_rmaps(tlb);
    }
    if (tlb.delayed_rmap) {
      w.violate('C-GA-4', `pte_unmap_unlock in zap_pte_range with tlb->delayed_rmap set (rmap still pending)`);
    }
    checkEarlyRmap(early);
    pte_unmap_unlock(h);
    yield;
    if (force_flush) yield* tlb_flush_mmu(tlb);
  }
}

/**
 * The CPUs running the mm in user mode whose TLB caches a dirty writable translation of `page`
 * at virtual page `v`: each can store to the page without touching the page table (C-GA-7). A
 * lazy or other-mm CPU stores nothing through it.
 */
export function dirtyWritableHolders(v: number, page: Page): Actor[] {
  return current().tasks.filter((a) => {
    if (a.mode !== 'user') return false;
    const t = a.tlb.get(v);
    return t !== undefined && t.page === page && t.gen === page.gen && t.write && t.dirty;
  });
}

/**
 * C-GA-7 at the moment zap releases the PTL: a file page whose rmap this zap already removed must
 * not still be cached by any CPU as a dirty writable translation of the zapped PTE. Such a CPU
 * can store to the page without touching the page table, while folio_mkclean() no longer finds
 * the mapping (S4:7-28). The fixed zap delays the rmap of dirty file pages and flushes first.
 */
function checkEarlyRmap(early: { v: number; page: Page }[]): void {
  const w = current();
  // CPU TLBs hold the scenario's process mm only: fork's child mm never runs on a CPU, so its zap
  // at exit has no translation anywhere (the TLB model is not tagged by ASID).
  if (w.mm.id !== PROCESS_MM_ID) return;
  for (const { v, page } of early) {
    const holders = dirtyWritableHolders(v, page);
    if (holders.length) {
      w.violate('C-GA-7', `zap_pte_range drops the PTL with the rmap of ${w.pageName(page)} removed while ${holders.map((a) => a.name).join(', ')} still cache(s) a dirty writable translation of it (vpn ${v}): folio_mkclean() will not find the mapping, and a store through that TLB entry is lost`);
      return;
    }
  }
}

/**
 * `free_pgtables()` for one pmd slot: `pmd_clear()` without the ptl, then
 * `pte_free_tlb(tlb, pgtable, addr)` = `tlb_flush_pmd_range` + `freed_tables` + the arch's
 * `__pte_free_tlb`.
 */
export function* free_pgtables(tlb: MmuGather, slot: number): Step {
  const w = current();
  const raw = w.mm.pmds[slot]!;
  if (pmdKind(raw) !== 'table') {
    if (raw !== 0) w.mm.pmds[slot] = 0;
    return;
  }
  w.mm.pmds[slot] = 0;
  const pg = pmd_pgtable(raw);
  const va = pmd_page_vaddr(raw);
  const table = w.ptName(va);
  w.record(() => `free_pgtables: pmd_clear(pmd${slot}) (${table})`, table);
  yield;
  tableFreeing(va);
  tlb_flush_pmd_range(tlb, slotAddress(slot), PAGE_SIZE);
  tlb_set_freed_tables(tlb);
  yield* callHook(w.adapter.__pte_free_tlb(tlb, pg, slotAddress(slot)));
  w.mm.nr_ptes--;
}
