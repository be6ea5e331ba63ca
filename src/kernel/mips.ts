/**
 * The mips R4k TLB as `__update_tlb()` (arch/mips/mm/tlb-r4k.c) programs it: per CPU, the CP0
 * registers EntryHi, EntryLo0 and EntryLo1, and `tlb_probe()` / `tlb_write_indexed()` /
 * `tlb_write_random()`. One R4k TLB entry maps an even/odd pair of virtual pages (EntryHi's
 * VPN2 drops the low bit of the page number): EntryLo0 the even page, EntryLo1 the odd one.
 *
 * A write commits both halves into the CPU's TLB (`Actor.tlb`, the model's translation cache):
 * a valid EntryLo becomes that page's entry, an invalid one (V clear) removes it, since the
 * write replaces the whole pair entry. At the write the halves are judged against the page
 * table (C-MIPS-1): each valid half must translate its page as the page's PTE does at that
 * moment (the same page, no write permission or dirty bit the PTE lacks). An invalid or less
 * permissive half is harmless (the access traps and the handler refills it). `tlb_write_random()`
 * while the TLB already holds an entry for EntryHi's pair leaves two matching entries (a
 * machine check on R4k-style TLBs), also C-MIPS-1.
 *
 * The registers keep what was last written on that CPU: by `__update_tlb()`, or by the TLB
 * refill handler, which the model's hardware walk stands for (src/mm/hw.ts calls
 * {@link r4k_tlb_refill} on mips: EntryHi from the missing address, EntryLo0/EntryLo1 from the
 * pair's PTEs), else the boot value 0 (invalid, `local_flush_tlb_all()`). Model limits:
 * `local_flush_tlb_*()`, which write 0 into both EntryLo registers, are the model's generic
 * flushes and leave them alone; the TLB exception that led to a fault does not load EntryHi (the
 * fault op is not a hardware access), so `tlb_probe()` or a TLB write before any EntryHi was
 * written on that CPU is an adapter error; the refill's own `tlbwr` is the model's per-page TLB
 * fill, not a pair entry. The ASID (EntryHi's low bits) is the
 * mm's and not modelled. The model's PTE tables may have an odd `PTRS_PER_PTE` (the drawn
 * geometry; the kernel's is always even): a pair is then formed inside one table and its last
 * page has no odd partner, whose half is not committed. mips32 with XPA writes each EntryLo in
 * two parts (`write_c0_entrylo0(pte_to_entrylo(ptep->pte_high))` and
 * `writex_c0_entrylo0(ptep->pte_low & _PFNX_MASK)`); the model writes the whole translation in
 * one, as the 64-bit form `write_c0_entrylo0(pte_to_entrylo(pte_val(*ptep)))` does.
 */
import type { Actor, TlbEntry } from '../model/actor';
import type { Mm } from '../model/mm';
import { PTE_NONE, type Page, type Pte } from '../model/types';
import { current, type World } from '../model/world';
import { pmd_page_vaddr, pmdKind } from '../model/pmd';
import { vpnOf } from '../model/mm';

/** An EntryLo register: the translation of one page (V set), or null (V clear: invalid). */
export type EntryLo = Readonly<TlbEntry> | null;

/** One CPU's CP0 TLB registers. */
interface Cp0 {
  /** EntryHi's VPN2 (the even/odd pair) within pmd slot `slot`, or null before the first write. */
  entryhi: { slot: number; vpn2: number } | null;
  entrylo0: EntryLo;
  entrylo1: EntryLo;
}

const cp0s = new WeakMap<Actor, Cp0>();

function cp0Of(a: Actor): Cp0 {
  let r = cp0s.get(a);
  if (!r) {
    // Boot: local_flush_tlb_all() writes write_c0_entrylo0(0) / write_c0_entrylo1(0).
    r = { entryhi: null, entrylo0: null, entrylo1: null };
    cp0s.set(a, r);
  }
  return r;
}

/** `pte_to_entrylo(pte_val(pte))`: a present PTE's translation (V, D from _PAGE_DIRTY), else invalid. */
export function pte_to_entrylo(pte: Pte): EntryLo {
  return pte.k === 'present' ? { page: pte.page, gen: pte.gen, write: pte.write, dirty: pte.dirty } : null;
}

function loText(w: World, lo: EntryLo): string {
  return lo ? `${w.pageName(lo.page)}${lo.write && lo.dirty ? ' D' : ''}` : 'invalid';
}

/**
 * `write_c0_entryhi(address | pid)` for the user page `index` of pmd slot `slot`: VPN2 is the
 * pair `index >> 1`. Anything but a page of the slot's table is no user address of the VMA: an
 * adapter error.
 */
export function write_c0_entryhi(mm: Mm, slot: number, index: number): void {
  const w = current();
  void mm;
  if (!Number.isInteger(slot) || slot < 0 || slot >= w.cfg.geometry.slots || !Number.isInteger(index) || index < 0 || index >= w.cfg.geometry.ptesPerTable) {
    throw new Error(`write_c0_entryhi(): page ${String(index)} of pmd slot ${String(slot)} is no user address of the mm`);
  }
  cp0Of(w.cur).entryhi = { slot, vpn2: Math.floor(index / 2) };
  w.record(() => `write_c0_entryhi(vpn ${vpnOf(w.cfg.geometry, slot, index)}: pair ${Math.floor(index / 2)} of pmd${slot})`);
}

/** `write_c0_entrylo0(lo)`: the even page of the pair. */
export function write_c0_entrylo0(lo: EntryLo): void {
  const w = current();
  cp0Of(w.cur).entrylo0 = lo;
  w.record(() => `write_c0_entrylo0(${loText(w, lo)})`);
}

/** `write_c0_entrylo1(lo)`: the odd page of the pair. */
export function write_c0_entrylo1(lo: EntryLo): void {
  const w = current();
  cp0Of(w.cur).entrylo1 = lo;
  w.record(() => `write_c0_entrylo1(${loText(w, lo)})`);
}

/** The pages (indices in the slot's table) of EntryHi's pair that the table has. */
function pairPages(w: World, vpn2: number): number[] {
  return [2 * vpn2, 2 * vpn2 + 1].filter((i) => i < w.cfg.geometry.ptesPerTable);
}

function entryhiOf(w: World, what: string): { slot: number; vpn2: number } {
  const hi = cp0Of(w.cur).entryhi;
  if (!hi) throw new Error(`${what}: EntryHi was never written`);
  return hi;
}

/** Whether this CPU's TLB holds an entry for a page of the pair (slot, vpn2). */
function pairCached(w: World, a: Actor, slot: number, vpn2: number): boolean {
  return pairPages(w, vpn2).some((i) => a.tlb.has(vpnOf(w.cfg.geometry, slot, i)));
}

/** Index.P (bit 31): set by a probe that matched no entry, so `read_c0_index()` reads as a negative int. */
const INDEX_P = -0x80000000;

/**
 * `tlb_probe(); tlb_probe_hazard(); idx = read_c0_index()`: the index of the TLB entry that
 * matches EntryHi (the model's is 0), or Index with its P bit set (negative) when none does.
 */
export function tlb_probe(): number {
  const w = current();
  const hi = entryhiOf(w, 'tlb_probe()');
  const idx = pairCached(w, w.cur, hi.slot, hi.vpn2) ? 0 : INDEX_P;
  w.record(() => `tlb_probe() = ${idx}`);
  return idx;
}

/** The PTE that page `index` of `slot` has now (the pmd's current table), for the judgement. */
function currentPte(w: World, slot: number, index: number): Pte {
  const raw = w.mm.pmds[slot];
  if (raw === undefined || pmdKind(raw) !== 'table') return PTE_NONE;
  const va = pmd_page_vaddr(raw);
  const page = w.pageOfVa(va);
  return page?.use === 'table' ? page.slots[w.slotIndex(va, index)] ?? PTE_NONE : PTE_NONE;
}

/** Whether `lo` translates no more than `pte` allows (an invalid half always does). */
function backedBy(lo: EntryLo, pte: Pte): boolean {
  if (!lo) return true;
  return pte.k === 'present' && pte.page === lo.page && pte.gen === lo.gen && (pte.write || !lo.write) && (pte.dirty || !lo.dirty);
}

function ptesText(w: World, pte: Pte): string {
  return pte.k === 'present' ? `maps ${w.pageName(pte.page)}${pte.write ? '' : ' read-only'}${pte.dirty ? '' : ' clean'}` : `is ${pte.k}`;
}

/** Commit EntryHi/EntryLo0/EntryLo1 into the CPU's TLB, judging each half (C-MIPS-1). */
function tlb_write(how: 'indexed' | 'random'): void {
  const w = current();
  const a = w.cur;
  const r = cp0Of(a);
  const hi = entryhiOf(w, `tlb_write_${how}()`);
  w.record(() => `tlb_write_${how}(pair ${hi.vpn2} of pmd${hi.slot}: ${loText(w, r.entrylo0)}, ${loText(w, r.entrylo1)})`);
  if (how === 'random' && pairCached(w, a, hi.slot, hi.vpn2)) {
    w.violate('C-MIPS-1', `${a.name}'s tlb_write_random() added a second TLB entry for pair ${hi.vpn2} of pmd${hi.slot}, which its TLB already holds (a machine check): the write must go to the entry tlb_probe() found`);
  }
  for (const index of pairPages(w, hi.vpn2)) {
    const lo = index % 2 === 0 ? r.entrylo0 : r.entrylo1;
    const v = vpnOf(w.cfg.geometry, hi.slot, index);
    const pte = currentPte(w, hi.slot, index);
    if (!backedBy(lo, pte)) {
      w.violate('C-MIPS-1', `${a.name} wrote a TLB entry translating vpn ${v} (EntryLo${index % 2}) to ${loText(w, lo)} while its PTE ${ptesText(w, pte)}: the CPU now uses a translation the page table does not have`);
    }
    if (lo) a.tlb.set(v, { ...lo });
    else a.tlb.delete(v);
  }
}

/** `tlb_write_indexed()`: overwrite the entry `tlb_probe()` found. */
export function tlb_write_indexed(): void {
  tlb_write('indexed');
}

/** `tlb_write_random()`: write a new entry (only after `tlb_probe()` found none). */
export function tlb_write_random(): void {
  tlb_write('random');
}

/**
 * The R4k TLB refill exception and handler (arch/mips/mm/tlbex.c `build_r4000_tlb_refill_handler`)
 * for a miss of `a` at page `index` of `slot`, as far as the CP0 registers go: the exception
 * loads EntryHi with the missing pair, and the handler loads EntryLo0/EntryLo1 from the pair's
 * two PTEs of `table` (the PTE pointer aligned down to the pair), or 0 from
 * `invalid_pte_table` when the pmd holds no table, before its `tlbwr`. Called by the model's
 * hardware walk (src/mm/hw.ts) on mips adapters.
 */
export function r4k_tlb_refill(w: World, a: Actor, slot: number, index: number, table: { page: Page; va: number } | null): void {
  const r = cp0Of(a);
  const even = index - (index % 2);
  r.entryhi = { slot, vpn2: even / 2 };
  const pte = (i: number): Pte => (table && i < w.cfg.geometry.ptesPerTable ? table.page.slots[w.slotIndex(table.va, i)] ?? PTE_NONE : PTE_NONE);
  r.entrylo0 = pte_to_entrylo(pte(even));
  r.entrylo1 = pte_to_entrylo(pte(even + 1));
}
