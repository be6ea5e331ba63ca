/**
 * A DMA by an SVA-bound device: the IOMMU translates the process address through its IOTLB, or
 * walks the CPU page tables (its walk cache first, else the pmd), and fills its IOTLB; a write
 * sets the dirty bit in table memory (first-stage A/D update, as the CPU's walker does,
 * src/mm/hw.ts). A walk through a walk-cache entry whose table was freed is a use-after-free
 * (C-LT-2, B22). The DMA is issued from the program of the CPU that submits the work (the
 * model has no device actor); a DMA to a non-present PTE fails: the device's page request
 * (PRI / IOPF → `handle_mm_fault()`) is not modelled.
 */
import type { Step } from '../model/actor';
import { secondaryOf } from '../model/secondary';
import { current } from '../model/world';
import { vpn } from './memory';
import { pmdKind, pmd_page_vaddr } from './pgtable_generic';

/** One DMA access of the mm's SVA device at (slot, index). */
export function* iommu_sva_dma(slot: number, index: number, write: boolean): Step {
  const w = current();
  const s = secondaryOf(w.mm);
  if (!s) return;
  const v = vpn(slot, index);
  const kind = write ? 'write' : 'read';
  const t = s.iotlb.get(v);
  if (t && (!write || (t.write && t.dirty))) {
    const name = w.pageName(t.page);
    w.record(() => `${s.name}: DMA ${kind} vpn ${v} via IOTLB (${name})`, name);
    if (write && t.page.gen === t.gen && t.page.use === 'data') t.page.data!.content++;
    yield;
    return;
  }
  let psc = s.psc.get(slot);
  if (!psc) {
    const raw = w.mm.pmds[slot]!;
    if (pmdKind(raw) !== 'table') {
      w.record(() => `${s.name}: DMA ${kind} vpn ${v}: no table (translation fault)`);
      yield;
      return;
    }
    const va = pmd_page_vaddr(raw);
    const page = w.pageOfVa(va)!;
    psc = { page, gen: page.gen, va };
    s.psc.set(slot, psc);
  }
  const table = w.ptName(psc.va);
  w.record(() => `${s.name}: DMA ${kind} vpn ${v}: walk via ${table}`, table);
  if (psc.page.gen !== psc.gen || psc.page.use !== 'table') {
    w.violate('C-LT-2', `the secondary MMU (${s.name}, SVA) walked ${table} through a stale walk-cache entry after the table was freed (no mmu_notifier invalidation reached it)`);
    s.psc.delete(slot);
    return;
  }
  const i = w.slotIndex(psc.va, index);
  const e = psc.page.slots[i];
  if (e && e.k === 'present' && e.page.gen === e.gen && (!write || e.write)) {
    if (write && !e.dirty) psc.page.slots[i] = { ...e, dirty: true };
    s.iotlb.set(v, { page: e.page, gen: e.gen, write: e.write, dirty: e.dirty || write });
    if (write) e.page.data!.content++;
  }
  yield;
}
