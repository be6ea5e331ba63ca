/**
 * s390 page tables (contracts.md §1.11, §2.F C-S390-*; B8-B12, B37, B38), checked by a monitor
 * after every step. In the 2K-fragment era (two tables per page):
 *
 * - C-S390-1: for each half, AA and PP are never both set, and the upper byte of `_refcount`
 *   holds nothing but AA (0x01/0x02) and PP (0x10/0x20) bits (0x13 / 0x23 are the "impossible
 *   values" of a page_table_alloc that ignores PP, B11).
 * - C-S390-3: a PageActive page is never on pgtable_list, and no half freed while the page is
 *   PageActive is allocated again (a free half allocated by a page_table_alloc() that raced
 *   with the SetPageActive() of pte_free_defer() is fine: the kernel allows that interleaving).
 * - C-S390-4: release happens exactly when the last AA/PP bit clears: a page whose byte is 0 is
 *   freed or has its rcu_head queued by the end of that step (a missed release is a leak), and
 *   no page is freed while a bit is still set. (A double release is a double dtor/free or a
 *   double call_rcu, which the model reports as C-DT-1 / C-LT-7.)
 * - C-S390-7: pgtable_list holds exactly the reusable pages: a page with one half allocated, the
 *   other wholly free (no PP) and not PageActive is on it, and every page on it has exactly one
 *   half allocated (a free half off the list is never reused: half a page lost per table).
 * - C-S390-9: the fragment logic uses only the upper byte of `_refcount`: the low 24 bits are
 *   only ever the allocator's 1 plus speculative references (B38: no fragment accounting in
 *   them). The monitor holds such a speculative reference (get_page_unless_zero) on a table page
 *   while a gup_fast walks it with IRQs off, and, from the step a fragment page becomes a table
 *   until it is freed, {@link PFN_SCANNER_REFS} more: the most concurrent holders the kernel
 *   allows (see there), so that a decision that reads the low bits goes wrong and shows up, e.g.
 *   as a missed release (C-S390-4).
 *
 * In every era:
 * - C-S390-6: __tlb_remove_table() runs from the RCU batch callback without a stable mm, so
 *   that callback never takes mm->context.lock and never changes pgtable_list (B10).
 * - C-S390-8: pte_free_defer() is never used on a PGSTE (KVM guest) mm: it skips gmap_unlink()
 *   (B12; reachable only in the hypothetical `pgsteThp` configuration).
 */
import type { Property, PropertyMonitor } from '../src/check/property';
import type { Page } from '../src/model/types';
import type { World } from '../src/model/world';
import type { Actor } from '../src/model/actor';

interface Seen {
  gen: number;
  byte: number;
  active: boolean;
  judged: boolean;
  /** AA bits of halves freed while the page was PageActive (waiting for their grace period). */
  deferred: number;
}

interface MonitorState {
  next: number;
  pages: Map<Page, Seen>;
  /** Pages carrying the monitor's speculative reference, with the generation it was taken on. */
  spec: Map<Page, number>;
  /** Fragment pages carrying the {@link PFN_SCANNER_REFS} references, with the generation they were taken on. */
  scanned: Map<Page, number>;
  list: string;
  /** Whether the head of the process mm's pgtable_list had a reusable half at the end of the last step. */
  headFree: boolean;
  /** Per actor inside a hook: whether the list head had a reusable half at every step boundary since it entered. */
  headFreeInHook: Map<Actor, boolean>;
}

const states = new WeakMap<World, MonitorState>();

/**
 * Speculative references the monitor holds on every fragment page while it is a table: the
 * worst case of the references that pfn walkers take on any page at any moment, whatever the
 * mm's own ops do (GUP-fast's `try_grab_folio()` on a stale PTE whose pfn became a page table,
 * compaction's and memory-failure's `folio_try_get()`): one per CPU at once, up to s390's
 * `CONFIG_NR_CPUS` maximum (arch/s390/Kconfig: range 2..512). 512 + the allocator's 1 sets bit 9
 * of `_refcount`: bits 8..23 are the page refcount's too, so only the upper byte is the
 * fragments' (pgalloc.c v6.6: "the upper byte ... the lower bits are still used for page
 * refcounting").
 */
export const PFN_SCANNER_REFS = 512;

/** The AA/PP byte of a fragment page: the upper byte of `_refcount` (`atomic_read(&ptdesc->_refcount) >> 24`). */
function fragmentByte(p: Page): number {
  return (p._refcount.counter >>> 24) & 0xff;
}
const BATCH_CALLBACK = /^rcu callback (tlb_remove_table_rcu|__tlb_remove_table_one_rcu)\(/;
const BATCH_CALLBACKS = new Set(['tlb_remove_table_rcu', '__tlb_remove_table_one_rcu']);

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

function fragmentChecks(w: World, st: MonitorState): void {
  // State invariants are judged between hooks: inside one, the arch may be mid-update under its
  // lock. Transitions (a half handed out, a page released) are judged at every step.
  const judge = !w.inAdapterCode();
  const listOnLru = w.decl.s390FragmentListInTable !== true;
  for (const p of w.pages) {
    const name = w.pageName(p);
    const prev = st.pages.get(p);
    if (p.use === 'table' && p.level === 'pte' && st.scanned.get(p) !== p.gen) {
      p._refcount.counter += PFN_SCANNER_REFS; // folio_try_get() by every CPU's pfn walker
      st.scanned.set(p, p.gen);
    }
    const counter = p._refcount.counter >>> 0;
    const byte = fragmentByte(p);
    if (p.use === 'table' && p.level === 'pte') {
      const same = prev !== undefined && prev.gen === p.gen;
      // C-S390-7: page_table_alloc() takes a fresh page only when the first listed page has no
      // reusable half. A page allocated by a task that saw a reusable head at every step
      // boundary since it entered the hook was allocated although the kernel's locked look at
      // the head (list_first_entry_or_null, then the AA|PP>>4 mask, which only PP clears can
      // change outside the lock) would have handed out that half. Fork's child mm has its own
      // list, so the child's allocations are not judged against the parent's.
      if (!same && listOnLru && !w.mm.context.has_pgste && st.headFreeInHook.get(w.cur) === true && !w.cur.op.startsWith('fork')) {
        w.violate('C-S390-7', `page_table_alloc() allocated a fresh page ${name} although the first page of pgtable_list had a free 2K half the whole time: that half is never reused`);
      }
      const specHeld = st.spec.get(p) === p.gen;
      const aa = byte & 0x03;
      const pp = (byte >>> 4) & 0x03;
      // Halves freed while the page is PageActive wait for the grace period: never handed out again.
      let deferred = same && p.active ? prev.deferred : 0;
      if (same && p.active) deferred |= prev.byte & 0x03 & ~aa;
      if (same && (aa & ~prev.byte & deferred) !== 0) {
        w.violate('C-S390-3', `a half of ${name} was allocated again although it was freed while the page is PageActive (byte ${hex(prev.byte)} -> ${hex(byte)})`);
      }
      if (judge) {
        const low = counter & 0xffffff;
        const expected = 1 + PFN_SCANNER_REFS + (specHeld ? 1 : 0);
        if (low !== expected) {
          w.violate('C-S390-9', `the low bits of ${name}'s _refcount are ${low}, expected ${expected} (the allocator's 1 and ${expected - 1} speculative): the fragment logic changed the page allocator's reference count`);
        }
        if ((byte & ~0x33) !== 0 || (aa & pp) !== 0) {
          w.violate('C-S390-1', `${name}: _refcount upper byte ${hex(byte)} has a half both allocated and pending (AA ${hex(aa)}, PP ${hex(pp << 4)})`);
        }
        if (p.active && p.lru.on !== null) {
          w.violate('C-S390-3', `${name} is PageActive (pte_free_defer) but on ${p.lru.on}`);
        }
        // C-S390-7: pgtable_list holds exactly the pages a 2K half can be reused from. A page
        // with one half allocated and the other wholly free (no PP) that is not PageActive is
        // listed (page_table_alloc_fresh lists it, page_table_free / page_table_free_rcu relist
        // it, __tlb_remove_table clearing PP leaves it there), and a listed page has exactly one
        // half allocated (page_table_alloc delists the page whose second half it hands out,
        // the frees delist it when no half is left allocated). A free half off the list is never
        // reused: the page is pinned by its other half, half a page lost per table.
        if (listOnLru && !p.active) {
          const oneAA = aa === 0x01 || aa === 0x02;
          if (oneAA && pp === 0 && p.lru.on === null) {
            w.violate('C-S390-7', `${name}: one 2K half allocated and the other free (byte ${hex(byte)}), not PageActive, but not on pgtable_list: its free half is never reused`);
          } else if (!oneAA && p.lru.on !== null) {
            w.violate('C-S390-7', `${name} is on ${p.lru.on} with byte ${hex(byte)}: no half of it can be handed out (page_table_alloc takes only the first entry)`);
          }
        }
        if (same && byte === 0 && p.rcu_head.state === 'idle') {
          w.violate('C-S390-4', `${name}: its last half was freed (AA and PP all clear) but the page was neither freed nor queued for RCU (release missed${specHeld ? ', while a speculative reference was held' : ''})`);
        }
      }
      st.pages.set(p, { gen: p.gen, byte, active: p.active, judged: false, deferred });
      continue;
    }
    if (p.use === 'free' && prev && prev.gen === p.gen && !prev.judged) {
      prev.judged = true;
      if (prev.byte !== 0) {
        w.violate('C-S390-4', `${name} was released while its _refcount upper byte is ${hex(prev.byte)}: a half is still allocated or pending`);
      }
    }
  }
  // Speculative references follow the IRQs-off walkers (gup_fast's try_grab_folio on a stale pfn).
  const walked = new Set<Page>();
  for (const a of w.tasks) for (const p of a.irqWalk ?? []) if (p.use === 'table' && p.level === 'pte') walked.add(p);
  for (const [p, gen] of st.spec) {
    if (p.gen !== gen || p.use !== 'table') st.spec.delete(p);
    else if (!walked.has(p)) {
      p._refcount.counter -= 1; // put_page()
      st.spec.delete(p);
    }
  }
  for (const p of walked) {
    if (st.spec.has(p)) continue;
    p._refcount.counter += 1; // get_page_unless_zero()
    st.spec.set(p, p.gen);
  }
}

/** The s390 monitor (see the file comment). */
export const s390Monitor: PropertyMonitor = {
  afterStep(w: World): void {
    let st = states.get(w);
    if (!st) {
      st = { next: w.trace.length, pages: new Map(), spec: new Map(), scanned: new Map(), list: '', headFree: false, headFreeInHook: new Map() };
      st.list = w.mm.context.pgtable_list.pages.map((p) => w.pageName(p)).join(',');
      states.set(w, st);
    }
    // C-S390-6: the step of a batch callback (__tlb_remove_table on each table) touched the mm.
    const list = w.mm.context.pgtable_list.pages.map((p) => w.pageName(p)).join(',');
    const entries = w.trace.slice(st.next);
    st.next = w.trace.length;
    const inBatchCallback = BATCH_CALLBACKS.has(w.rcu.running?.name ?? '') || entries.some((e) => BATCH_CALLBACK.test(e.action));
    if (w.cur === w.rcuActor && inBatchCallback) {
      if (list !== st.list) {
        w.violate('C-S390-6', `__tlb_remove_table() (RCU batch callback) changed mm->context.pgtable_list from [${st.list}] to [${list}] without a stable mm`);
      }
      const lockName = w.mm.context.lock.name;
      if (entries.some((e) => e.actor === w.rcuActor.name && e.action.startsWith('spin_lock') && e.action.includes(lockName))) {
        w.violate('C-S390-6', `__tlb_remove_table() (RCU batch callback) took mm->context.lock of an mm that may be gone`);
      }
    }
    st.list = list;
    // C-S390-8: a PGSTE mm (hypothetical THP for KVM guests) saw pte_free_defer().
    if ((w.mm.context.has_pgste || w.decl.pgsteThp === true) && w.pages.some((p) => p.deferredAtGp !== null)) {
      w.violate('C-S390-8', 'pte_free_defer() was used on a PGSTE (KVM guest) mm: page_table_free() skips gmap_unlink(), so the gmap keeps a pointer to the freed table');
    }
    if (w.decl.tablesPerPage === 2) {
      fragmentChecks(w, st);
      // The head of pgtable_list and whether a task inside a hook saw it reusable at every boundary.
      const head = w.mm.context.pgtable_list.pages[0];
      const byte = head && head.use === 'table' ? fragmentByte(head) : 0x03;
      const headFree = ((byte | (byte >>> 4)) & 0x03) !== 0x03;
      for (const a of w.actors) {
        if (a.inHook === 0) st.headFreeInHook.delete(a);
        else st.headFreeInHook.set(a, (st.headFreeInHook.get(a) ?? st.headFree) && headFree);
      }
      st.headFree = headFree;
    }
  },
};

const FRAGMENT = new Set(['C-S390-1', 'C-S390-3', 'C-S390-4', 'C-S390-9', 'C-S390-7']);

const property: Property = {
  id: 's390',
  title: 's390 2K fragments (AA/PP, pgtable_list, PageActive, one release), __tlb_remove_table without mm, no defer on PGSTE mms',
  contracts: ['C-S390-1', 'C-S390-3', 'C-S390-4', 'C-S390-6', 'C-S390-8', 'C-S390-9', 'C-S390-7'],
  appliesTo: (a) => a.arch === 's390',
  contractApplies: (a, id) => {
    if (id === 'C-S390-7') return a.declarations.tablesPerPage === 2 && a.declarations.s390FragmentListInTable !== true;
    if (FRAGMENT.has(id)) return a.declarations.tablesPerPage === 2;
    if (id === 'C-S390-8') return a.declarations.THP && a.pte_free_defer !== undefined;
    return a.declarations.MMU_GATHER_RCU_TABLE_FREE;
  },
  monitor: s390Monitor,
};

export default property;
