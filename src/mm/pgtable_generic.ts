/**
 * mm/pgtable-generic.c and the pte accessors: the `pte_offset_map()` family (v6.5+: may fail;
 * v6.6+: takes rcu_read_lock; v6.13+: ro/rw nolock), `pmdp_collapse_flush()`,
 * `pmdp_get_lockless_sync()`, and pmd value decoding.
 */
import type { MapHandle, Step } from '../model/actor';
import { HALF, PTE_NONE, type Page, type Pte, type SpinLock } from '../model/types';
import { current } from '../model/world';
import { lockdep_assert_held } from '../model/lockdep';
import { checkHandleMapped } from '../model/monitors';
import { checkHighmemAccess } from '../model/highmem';
import { isStale } from '../model/deposit';
import { rcu_read_lock, rcu_read_unlock, spin_lock_wait, spin_unlock } from '../kernel/sync';
import { pteMapTakesRcu } from './era';
import { local_irq_disable, local_irq_enable, tlb_remove_table_sync_one } from './tlbflush';
import { arch_flush_tlb_range } from './context';
import { vmaInIMmap } from './vma_lock';

// ------------------------------------------------------------------ pmd values

export { pmdKind, pmd_page_vaddr, mk_table_pmd } from '../model/pmd';
import { pmdKind, pmd_page_vaddr } from '../model/pmd';
import { callHook, runToEnd } from '../model/coroutine';
import { checkPteWrite } from '../kernel/xen';

/** `pmd_same(a, b)`: the adapter's (C-RM-13), default equality. A throwing pmd_same is a BUG. */
export function pmd_same(a: number, b: number): boolean {
  const w = current();
  const f = w.adapter.pmd_same;
  if (!f) return a === b;
  try {
    return runToEnd(f.call(w.adapter, a, b), 'pmd_same()');
  } catch (e) {
    w.violate('C-RM-13', `pmd_same() is not total on table pmds: ${(e as Error).message}`);
    return a === b;
  }
}

/** `pte_lockptr(mm, pmdval)`: the ptl of the table `pmdval` points to (split), else page_table_lock. */
export function pte_lockptr(pmdval: number): SpinLock {
  const w = current();
  if (!w.cfg.splitPtl) return w.mm.page_table_lock;
  const p = w.pageOfVa(pmd_page_vaddr(pmdval));
  return p?.ptl ?? w.mm.page_table_lock;
}

/** `pmd_lockptr(mm, pmd)`: the PMD table's split ptlock, else page_table_lock. */
export function pmd_lockptr(): SpinLock {
  const w = current();
  return w.cfg.splitPtl ? w.mm.pmdTableLock : w.mm.page_table_lock;
}

/** `pmd_lock(mm, pmd)`. */
export function* pmd_lock(): Step<SpinLock> {
  const l = pmd_lockptr();
  yield* spin_lock_wait(l);
  return l;
}

// ------------------------------------------------------------------ pte accessors

/** The page of the table a handle maps, if it is still that table (not freed and reused). */
function liveTable(h: MapHandle): Page | null {
  return h.page.gen === h.gen && h.page.use === 'table' ? h.page : null;
}

/** Whether some pmd of the mm links the table at `va`. */
export function tableLinked(va: number): boolean {
  const w = current();
  return w.mm.pmds.some((raw) => pmdKind(raw) === 'table' && pmd_page_vaddr(raw) === va);
}

/**
 * Whether `h` is the detacher's own scan of the table it just unlinked: mapped from its copy of
 * the old pmd with the pmd lock still held (sparc64 `pmdp_collapse_flush()` →
 * `tlb_batch_pmd_scan()`), not a concurrent reader (C-MAP-8).
 */
function detacherScan(h: MapHandle): boolean {
  return h.fromCopy === true && pmd_lockptr().holder === current().cur.id;
}

/** `ptep_get(pte + index)`: read an entry through a map handle (C-LT-1, C-MAP-8). */
export function ptep_get(h: MapHandle, index: number): Pte {
  const w = current();
  const p = liveTable(h);
  const table = w.ptName(h.va);
  w.record(() => `ptep_get(${table}[${index}])`, table);
  checkHandleMapped(w, h, `ptep_get(${table}[${index}])`);
  if (!p) {
    w.violate('C-LT-1', `${w.cur.name} read ${w.ptName(h.va)}[${index}] after the table was freed (use-after-free)`);
    return PTE_NONE;
  }
  const e = p.slots[w.slotIndex(h.va, index)] ?? PTE_NONE;
  if (e.k === 'junk') {
    w.violate('C-MAP-8', `${w.cur.name} read a non-PTE value (0x${e.v.toString(16)}) from ${w.ptName(h.va)}[${index}]: metadata written into a detached table`);
  } else if ((e.k === 'present' || e.k === 'swap') && !tableLinked(h.va) && !detacherScan(h)) {
    w.violate('C-MAP-8', `${w.cur.name} read a ${e.k} entry from detached ${w.ptName(h.va)}[${index}]`);
  } else if ((e.k === 'present' || e.k === 'swap') && isStale(h)) {
    w.violate('C-MAP-8', `${w.cur.name} read a ${e.k} entry from ${w.ptName(h.va)}[${index}], which was deposited under a huge pmd after it mapped the table and has been withdrawn and refilled since, within its grace period (stale view, B33)`);
  }
  return e;
}

/** Write an entry (set_pte_at / ptep_clear); the caller must hold the table's ptl. */
export function set_pte_at(h: MapHandle, index: number, pte: Pte, fn = 'set_pte_at'): void {
  const w = current();
  const p = liveTable(h);
  const table = w.ptName(h.va);
  const value = pte.k === 'present' ? w.pageName(pte.page) : null;
  w.record(() => `${fn}(${table}[${index}]${value !== null ? ` = ${value}` : ''})`, table);
  if (!p) {
    w.violate('C-LT-1', `${w.cur.name} wrote ${w.ptName(h.va)}[${index}] after the table was freed`);
    return;
  }
  checkHandleMapped(w, h, `${fn}(${table}[${index}])`);
  if (h.api === 'lock' || h.api === 'map') lockdep_assert_held(w, h.ptl, `${fn}(${table}[${index}])`);
  else if (h.ptl.holder !== w.cur.id) {
    w.violate('C-MAP-7', `${fn} on ${w.ptName(h.va)} by ${w.cur.name} through pte_offset_map_${h.api}() without taking and revalidating its ptl ${h.ptl.name}`);
  }
  checkPteWrite(w, p);
  p.slots[w.slotIndex(h.va, index)] = pte;
}

// ------------------------------------------------------------------ mapping

/**
 * `pmdp_get_lockless(pmd)`: one atomic read, or (GUP_GET_PXX_LOW_HIGH) low, high, low again
 * as separate steps, retried until the two low reads agree.
 */
export function* pmdp_get_lockless(slot: number): Step<number> {
  const w = current();
  if (!w.decl.GUP_GET_PXX_LOW_HIGH) return pmdp_get_once(slot);
  for (;;) {
    const lo = w.mm.pmds[slot]! % HALF;
    w.record(() => `read pmd${slot}.pmd_low`);
    yield;
    const hi = Math.floor(w.mm.pmds[slot]! / HALF);
    w.record(() => `read pmd${slot}.pmd_high`);
    yield;
    if (w.mm.pmds[slot]! % HALF === lo) return hi * HALF + lo;
  }
}

/**
 * `pmdp_get_lockless(pmd)` on configs without GUP_GET_PXX_LOW_HIGH: one atomic read, no step
 * boundary (hot callers use it directly rather than a generator that never yields).
 */
export function pmdp_get_once(slot: number): number {
  const w = current();
  const v = w.mm.pmds[slot]!;
  w.record(() => `pmdp_get_lockless(pmd${slot}) = ${pmdKind(v)}`);
  return v;
}

/** Whether `pmdval` was ever a value of the pmd: a table page of the model, a huge page, none. */
function plausible(pmdval: number): boolean {
  const w = current();
  const k = pmdKind(pmdval);
  if (k !== 'table') return true;
  const p = w.pageOfVa(pmd_page_vaddr(pmdval));
  return p !== undefined && p.use === 'table';
}

/**
 * `__pte_offset_map(pmd, addr, &pmdval)`: rcu_read_lock (v6.6+), read the pmd (with IRQs off
 * on LOW_HIGH configs, v6.6+), fail on none/migration/huge/bad, else map the table (kmap on HIGHPTE).
 */
export function* __pte_offset_map(slot: number, api: MapHandle['api'], copy?: number): Step<MapHandle | null> {
  const w = current();
  const vma = w.mm.vmas[slot];
  // An rmap walker (it holds i_mmap_rwsem) reaches VMAs through i_mmap, which keeps a file VMA
  // until free_pgtables() unlinks it; an outsider that looked the VMA up in the mm's tree
  // (collapse_pte_mapped_thp) must find it still attached there.
  const rmapWalk = w.i_mmap.readers.has(w.cur.id) || w.i_mmap.writer === w.cur.id;
  if (w.cur.outsider && vma && (rmapWalk ? !vmaInIMmap(vma) : !vma.attached)) {
    w.violate('C-RM-6', `${w.cur.name} (${w.cur.op}) walks pmd${slot} of a detached VMA: free_pgtables() frees its table without the ptl and maybe without RCU`);
  }
  const rcu = pteMapTakesRcu(w.adapter.era);
  if (rcu) rcu_read_lock();
  const irqSafe = w.decl.GUP_GET_PXX_LOW_HIGH && rcu;
  if (irqSafe) local_irq_disable();
  // `copy`: the caller's stack copy of the pmd (`pte_offset_map(&pmd, addr)`), not *pmd.
  const pmdval = copy !== undefined ? copy : w.decl.GUP_GET_PXX_LOW_HIGH ? yield* pmdp_get_lockless(slot) : pmdp_get_once(slot);
  if (irqSafe) local_irq_enable();
  const kind = pmdKind(pmdval);
  if (kind !== 'table') {
    if (kind === 'bad' && copy === undefined) {
      w.mm.pmds[slot] = 0;
      w.record(`pmd_clear_bad(pmd${slot})`);
    }
    if (rcu) rcu_read_unlock();
    w.record(() => `__pte_offset_map(pmd${slot}) = NULL (${kind})`);
    return null;
  }
  if (!plausible(pmdval)) {
    w.violate('C-MAP-15', `${w.cur.name} assembled pmd${slot} = 0x${pmdval.toString(16)} from halves that never belonged together: not a page table`);
    if (rcu) rcu_read_unlock();
    return null;
  }
  const va = pmd_page_vaddr(pmdval);
  const page = w.pageOfVa(va)!;
  const kmapped = w.decl.HIGHPTE;
  if (kmapped) w.cur.kmap.push(va);
  else checkHighmemAccess(w, page, false, `__pte_map(pmd${slot}) without CONFIG_HIGHPTE`);
  const h: MapHandle = { actor: w.cur.id, va, page, gen: page.gen, ptl: pte_lockptr(pmdval), pmdval, slot, api, kmapped };
  if (copy !== undefined) (h as { fromCopy?: boolean }).fromCopy = true;
  w.cur.handles.push(h);
  const table = w.ptName(va);
  w.record(() => `__pte_offset_map(pmd${slot}) = ${table}`, table);
  return h;
}

/** `pte_unmap(pte)`: kunmap_local (HIGHPTE) + rcu_read_unlock (v6.6+). */
export function pte_unmap(h: MapHandle): void {
  const w = current();
  const i = w.cur.handles.indexOf(h);
  if (i < 0) {
    w.violate('C-MAP-2', `pte_unmap(${w.ptName(h.va)}) by ${w.cur.name} of a pointer it did not map`);
    return;
  }
  w.cur.handles.splice(i, 1);
  if (h.kmapped) {
    const top = w.cur.kmap.pop();
    if (top !== h.va) w.violate('C-MAP-2', `pte_unmap(${w.ptName(h.va)}) out of kmap_local LIFO order`);
  }
  const table = w.ptName(h.va);
  w.record(() => `pte_unmap(${table})`, table);
  if (pteMapTakesRcu(w.adapter.era)) rcu_read_unlock();
}

/** `pte_unmap_unlock(pte, ptl)`. */
export function pte_unmap_unlock(h: MapHandle): void {
  spin_unlock(h.ptl);
  pte_unmap(h);
}

/** `pte_offset_map(pmd, addr)`. */
export function pte_offset_map(slot: number): Step<MapHandle | null> {
  return __pte_offset_map(slot, 'map');
}

/**
 * `pte_offset_map_nolock(mm, pmd, addr, &ptl)` (before v6.13) / `pte_offset_map_ro_nolock` /
 * `pte_offset_map_rw_nolock` (v6.13+): the map plus the ptl derived from the same pmdval, unlocked.
 */
export function pte_offset_map_nolock(slot: number, api: 'nolock' | 'ro_nolock' | 'rw_nolock'): Step<MapHandle | null> {
  return __pte_offset_map(slot, api);
}

/**
 * `__pte_offset_map_lock(mm, pmd, addr, &ptl)`: map, lock the ptl derived from pmdval, recheck
 * `pmd_same(pmdval, *pmd)`; on change unlock, unmap and retry (C-MAP-5).
 */
export function* pte_offset_map_lock(slot: number): Step<MapHandle | null> {
  const w = current();
  for (;;) {
    const h = yield* __pte_offset_map(slot, 'lock');
    if (!h) return null;
    yield;
    yield* spin_lock_wait(h.ptl);
    if (pmd_same(h.pmdval, w.mm.pmds[slot]!)) {
      if (w.mm.pmds[slot] !== h.pmdval) {
        w.violate('C-MAP-5', `pte_offset_map_lock(pmd${slot}) returned ${w.ptName(h.va)} locked although the pmd changed (pmd_same wrong)`);
      }
      return h;
    }
    w.record(`pmd_same failed: retry`);
    pte_unmap_unlock(h);
    yield;
  }
}

// ------------------------------------------------------------------ removal

/**
 * C-RM-3 at the moment a pmd that links the table at `va` is cleared (retract, collapse,
 * PT_RECLAIM): the table holds no present PTE, swap entry or WP marker.
 */
export function checkDetachedEmpty(slot: number, va: number): void {
  const w = current();
  const p = w.pageOfVa(va);
  if (!p || p.use !== 'table') return;
  for (let i = 0; i < w.cfg.geometry.ptesPerTable; i++) {
    const e = p.slots[w.slotIndex(va, i)] ?? PTE_NONE;
    if (e.k === 'present' || e.k === 'swap' || (e.k === 'marker' && e.m === 'wp')) {
      w.violate('C-RM-3', `${w.ptName(va)} detached from pmd${slot} while entry ${i} is ${e.k === 'marker' ? 'a uffd-wp marker' : e.k === 'present' ? `present (${w.pageName(e.page)})` : 'a swap entry'}`);
    }
  }
}

/**
 * `pmdp_collapse_flush(vma, addr, pmd)`: clear a table pmd and flush the TLB and paging
 * structure caches for its range. Checks C-RM-1 (pml and nested ptl held) and C-RM-3 (the
 * table holds no present PTE, swap entry or WP marker) at the moment of the clear. `caller
 * 'anon'`: anon `collapse_huge_page()`, which holds the mmap write lock and only the pmd lock,
 * and empties the table afterwards (it keeps the table, deposited; nobody else can reach it).
 */
export function* pmdp_collapse_flush(slot: number, caller: 'file' | 'anon' = 'file'): Step<number> {
  const w = current();
  const old = w.mm.pmds[slot]!;
  if (pmdKind(old) !== 'table') {
    w.violate('C-RM-1', `pmdp_collapse_flush(pmd${slot}) by ${w.cur.name} found no table (the pmd is ${pmdKind(old)}): the table it locked was removed by someone else meanwhile, and pmd_pgtable() of this value is not a table`);
    return old;
  }
  const va = pmd_page_vaddr(old);
  const pml = pmd_lockptr();
  const ptl = pte_lockptr(old);
  if (pml.holder !== w.cur.id || (caller === 'file' && ptl.holder !== w.cur.id)) {
    w.violate('C-RM-1', `pmdp_collapse_flush(pmd${slot}) by ${w.cur.name} without holding pmd_lock and the table's ptl`);
  }
  if (caller === 'file') checkDetachedEmpty(slot, va);
  w.mm.pmds[slot] = 0;
  const table = w.ptName(va);
  w.record(() => `pmdp_collapse_flush(pmd${slot}): clear ${table}${caller === 'anon' ? ' (anon collapse)' : ''}`, table);
  // sparc64: pmdp_huge_get_and_clear() is set_pmd_at(mm, addr, pmdp, __pmd(0)) → __set_pmd_acct().
  if (w.adapter.__set_pmd_acct) yield* callHook(w.adapter.__set_pmd_acct(w.mm, slot, old));
  const per = w.cfg.geometry.ptesPerTable;
  yield* arch_flush_tlb_range(slot * per, (slot + 1) * per, true);
  return old;
}

/** `pmdp_get_lockless_sync()`: `tlb_remove_table_sync_one()` on LOW_HIGH configs, else nothing. */
export function* pmdp_get_lockless_sync(): Step {
  const w = current();
  if (w.decl.mm?.noLowHighSync) {
    w.record('pmdp_get_lockless_sync() omitted (mm variant noLowHighSync)');
    return;
  }
  if (w.decl.GUP_GET_PXX_LOW_HIGH) yield* tlb_remove_table_sync_one();
}
