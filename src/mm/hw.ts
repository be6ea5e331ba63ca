/**
 * The CPU's own memory accesses: TLB hits (including writes through stale entries, S4) and
 * hardware page-table walks through the paging-structure cache, which may set the dirty bit
 * in table memory (C-LT-2, C-GA-7).
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { vpn } from './memory';
import { pmdKind, pmd_page_vaddr } from './pgtable_generic';
import { r4k_tlb_refill } from '../kernel/mips';

/** A load or store by the current CPU at (slot, index). */
export function* cpu_access(slot: number, index: number, write: boolean): Step {
  const w = current();
  const a = w.cur;
  const v = vpn(slot, index);
  const t = a.tlb.get(v);
  // A store through a TLB entry whose dirty bit is clear is not a plain hit: the hardware walks
  // to set the dirty bit in the PTE first (and faults if the PTE is gone), so only loads and
  // stores through dirty writable entries bypass the page table.
  if (t && (!write || (t.write && t.dirty))) {
    const name = w.pageName(t.page);
    w.record(() => `${write ? 'store' : 'load'} vpn ${v} via TLB (${name})`, name);
    if (t.page.gen !== t.gen || t.page.use !== 'data') return;
    if (write) {
      const d = t.page.data!;
      d.content++;
      if (!d.dirty && d.mapcount === 0) {
        w.violate('C-GA-7', `${a.name} wrote ${w.pageName(t.page)} through a stale TLB entry after rmap removal and writeback cleaned it: the write is lost`);
      }
    }
    return;
  }
  // Hardware walk: paging-structure cache first, else the pmd.
  let psc = a.psc.get(slot);
  if (!psc) {
    const raw = w.mm.pmds[slot]!;
    if (pmdKind(raw) !== 'table') {
      if (w.adapter.arch === 'mips') r4k_tlb_refill(w, a, slot, index, null);
      return;
    }
    const va = pmd_page_vaddr(raw);
    const page = w.pageOfVa(va)!;
    psc = { page, gen: page.gen, va };
    // Without a walk cache (sparc64's software TSB-miss walk) the next miss walks afresh.
    if (w.decl.hwWalkCache !== false) a.psc.set(slot, psc);
  }
  const table = w.ptName(psc.va);
  w.record(() => `hardware walk vpn ${v} via ${table}`, table);
  if (psc.page.gen !== psc.gen || psc.page.use !== 'table') {
    w.violate('C-LT-2', `${a.name}'s hardware walker read ${w.ptName(psc.va)} through a stale paging-structure cache entry after the table was freed`);
    a.psc.delete(slot);
    return;
  }
  // mips: the refill handler loads the pair into EntryLo0/EntryLo1 (src/kernel/mips.ts).
  if (w.adapter.arch === 'mips') r4k_tlb_refill(w, a, slot, index, psc);
  const i = w.slotIndex(psc.va, index);
  const e = psc.page.slots[i];
  if (!e || e.k !== 'present' || e.page.gen !== e.gen) return;
  if (write && !e.write) return;
  if (write && !e.dirty) psc.page.slots[i] = { ...e, dirty: true };
  a.tlb.set(v, { page: e.page, gen: e.gen, write: e.write, dirty: e.dirty || write });
  if (write) e.page.data!.content++;
  yield;
}
