/**
 * mm/gup.c `gup_fast` (`lockless_pages_from_mm`): IRQs off, no mmap lock, no RCU read lock;
 * protected by the IPI flush or by RCU table freeing (C-LT-3, B14).
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { local_irq_disable, local_irq_enable } from './tlbflush';
import { pmdKind, pmd_page_vaddr, pmdp_get_lockless } from './pgtable_generic';

/** One gup_fast walk of (slot, index): read the pmd, then the pte, take a page reference. */
export function* gup_fast(slot: number, index: number): Step {
  const w = current();
  local_irq_disable();
  w.cur.irqWalk = new Set();
  const pmdval = yield* pmdp_get_lockless(slot);
  if (pmdKind(pmdval) === 'table') {
    const va = pmd_page_vaddr(pmdval);
    const page = w.pageOfVa(va);
    if (page) {
      w.cur.irqWalk.add(page);
      const gen = page.gen;
      yield;
      const table = w.ptName(va);
      w.record(() => `gup_fast: read ${table}[${index}]`, table);
      if (page.gen !== gen || page.use !== 'table') {
        w.violate('C-LT-3', `gup_fast on ${w.cur.name} read ${w.ptName(va)} after it was freed (IRQs-off walker not waited for)`);
      } else {
        const e = page.slots[w.slotIndex(va, index)];
        if (e && e.k === 'present' && e.page.gen === e.gen) {
          const name = w.pageName(e.page);
          w.record(() => `gup_fast: try_grab_folio(${name})`);
        }
      }
    }
  }
  yield;
  local_irq_enable();
}
