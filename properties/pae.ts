/**
 * PAE / two-half pmds (contracts.md §2.G, B19): on CONFIG_GUP_GET_PXX_LOW_HIGH configs (x86-32
 * PAE, mips32 with 64-bit physical addresses, sh X2TLB) a pmd is read as `pmd_low`, `pmd_high`,
 * `pmd_low` again, and the two halves of one read may come from different pmd values. Readers
 * hold IRQs off across the read (C-MAP-15); a writer that clears a table pmd under the pmd lock
 * (retract_page_tables, collapse_pte_mapped_thp) must not let a new value be installed until
 * every such IRQs-off reader of the old value has finished: `pmdp_get_lockless_sync()` after
 * `pmdp_collapse_flush()` sends "an interrupt when PAE, and pmdp_collapse_flush() did not
 * already do so" (C-PAE-1, S2:1461-1464, S2:2004-2041).
 *
 * C-PAE-1 is checked here by a monitor: when a writer records `pmdp_collapse_flush(pmdN): clear`,
 * it notes every CPU that is, at that moment, between its `pmd_low` and final reads of pmdN with
 * IRQs off; when the writer then drops the pmd lock (the point after which a fault or a huge
 * pmd install may store a new value), every one of those half reads must be over. The flush IPI
 * (native) or the sync IPI (`tlb_remove_table_sync_one()`, with MMU_GATHER_RCU_TABLE_FREE) waits
 * for them; a PV/broadcast flush with the empty sync stub does not. Anon `collapse_huge_page()`
 * drops the pmd lock early but holds the mmap write lock, so nobody else stores to the pmd: its
 * own next store (`set_pmd_at()`, or `pmd_populate()` when the isolate fails) is the point checked.
 *
 * C-MAP-15 is not judged here: the model reports it (src/mm/pgtable_generic.ts `plausible`)
 * when `__pte_offset_map` assembles a pmd that is not a table page, but with the model's page
 * layout every table pmd has the same high half, so halves from two different pmd values only
 * combine into a wrong value if the *same* page is freed and reused while the reader is inside
 * its read, which RCU already forbids. See the x86 adapter report for the core change that
 * would make B19's torn read reachable.
 */
import type { Property, PropertyMonitor } from '../src/check/property';
import { opKinds } from '../src/engine/scenario';
import type { World } from '../src/model/world';

/** One half read in progress: which pmd, and a token identifying this read (a retry is a new read). */
interface HalfRead {
  slot: number;
  token: number;
}

/** A table pmd cleared by pmdp_collapse_flush(), and the IRQs-off half reads of it still in progress. */
interface Cleared {
  writer: string;
  slot: number;
  readers: Map<string, number>;
  /** Cleared by anon collapse_huge_page(): checked at its next pmd store, not at its unlock. */
  anon: boolean;
}

interface MonitorState {
  /** Next trace index to look at. */
  next: number;
  tokens: number;
  reading: Map<string, HalfRead>;
  cleared: Cleared[];
}

const states = new WeakMap<World, MonitorState>();

const LOW = /^read pmd(\d+)\.pmd_low$/;
const HIGH = /^read pmd(\d+)\.pmd_high$/;
const CLEAR = /^pmdp_collapse_flush\(pmd(\d+)\): clear.*?( \(anon collapse\))?$/;
const ANON_STORE = /^(set_pmd_at|__collapse_huge_page_isolate failed: pmd_populate)\(pmd/;

function pmlName(w: World): string {
  return (w.cfg.splitPtl ? w.mm.pmdTableLock : w.mm.page_table_lock).name;
}

/** The C-PAE-1 monitor (see the file comment). */
export const paeMonitor: PropertyMonitor = {
  afterStep(w: World): void {
    let st = states.get(w);
    if (!st) {
      st = { next: 0, tokens: 0, reading: new Map(), cleared: [] };
      states.set(w, st);
    }
    for (; st.next < w.trace.length; st.next++) {
      const e = w.trace[st.next]!;
      const low = LOW.exec(e.action);
      if (low) {
        st.reading.set(e.actor, { slot: Number(low[1]), token: ++st.tokens });
        continue;
      }
      if (HIGH.test(e.action)) continue;
      // Anything else the actor does means its pmdp_get_lockless() returned (or never started).
      st.reading.delete(e.actor);
      const clear = CLEAR.exec(e.action);
      if (clear) {
        const slot = Number(clear[1]);
        const readers = new Map<string, number>();
        for (const [name, r] of st.reading) {
          const a = w.tasks.find((t) => t.name === name);
          if (r.slot === slot && a && a.irqsOff > 0) readers.set(name, r.token);
        }
        st.cleared.push({ writer: e.actor, slot, readers, anon: clear[2] !== undefined });
        continue;
      }
      const anonStore = ANON_STORE.test(e.action);
      if (anonStore || e.action === `spin_unlock(${pmlName(w)})`) {
        const i = st.cleared.findIndex((c) => c.writer === e.actor && c.anon === anonStore);
        if (i < 0) continue;
        const c = st.cleared[i]!;
        st.cleared.splice(i, 1);
        const late = [...c.readers].filter(([name, token]) => st.reading.get(name)?.token === token).map(([name]) => name);
        if (late.length) {
          const sync = w.decl.mm?.noLowHighSync ? 'no pmdp_get_lockless_sync() was called'
            : w.decl.MMU_GATHER_RCU_TABLE_FREE ? 'pmdp_get_lockless_sync() did not wait for it'
              : 'pmdp_get_lockless_sync() is the empty tlb_remove_table_sync_one() stub without MMU_GATHER_RCU_TABLE_FREE';
          w.violate('C-PAE-1', `${c.writer} dropped the pmd lock after clearing pmd${c.slot} with pmdp_collapse_flush() while ${late.join(', ')} ${late.length > 1 ? 'are' : 'is'} still inside an IRQs-off pmd_low/pmd_high read of the old value: the ${w.decl.flushTransport} flush does not interrupt it and ${sync}, so a new pmd value can be stored under the half-done read (torn pmd, B19)`);
        }
      }
    }
  },
};

const property: Property = {
  id: 'pae',
  title: 'two-half pmd reads are never torn by retract/collapse (PAE)',
  contracts: ['C-PAE-1'],
  // Only configs with two-half pmd reads and the v6.6+ lockless retract/collapse paths.
  appliesTo: (a) => a.declarations.GUP_GET_PXX_LOW_HIGH && opKinds(a).has('khugepaged'),
  monitor: paeMonitor,
};

export default property;
