/**
 * Writeback of a file page: `folio_clear_dirty_for_io()` → `folio_mkclean()`, which walks rmap
 * (taking each PTL) only if the folio is mapped (S4:11-14), then the content is "written".
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { i_mmap_lock_read, i_mmap_unlock_read } from './locking';
import { vpn } from './memory';
import { pte_offset_map_lock, pte_unmap_unlock, ptep_get, set_pte_at } from './pgtable_generic';
import { arch_flush_tlb_range } from './context';
import { vmaInIMmap } from './vma_lock';

/** Write back file page `index` if dirty. */
export function* writeback_page(index: number): Step {
  const w = current();
  const page = w.filePages[index];
  if (!page || !page.data || page.data.kind !== 'file' || !page.data.dirty) return;
  if (page.data.mapcount > 0) {
    yield* i_mmap_lock_read();
    for (const vma of w.mm.vmas) {
      if (!vmaInIMmap(vma)) continue;
      const h = yield* pte_offset_map_lock(vma.slot);
      if (!h) continue;
      const e = ptep_get(h, index);
      if (e.k === 'present' && e.page === page && (e.dirty || e.write)) {
        set_pte_at(h, index, { ...e, dirty: false, write: false }, 'page_mkclean_one');
        yield* arch_flush_tlb_range(vpn(vma.slot, index), vpn(vma.slot, index) + 1, false, 'flush_tlb_page');
      }
      pte_unmap_unlock(h);
      yield;
    }
    i_mmap_unlock_read();
  } else {
    w.record(`folio_mkclean(${w.pageName(page)}): not mapped, no rmap walk`);
  }
  page.data.dirty = false;
  page.data.disk = page.data.content;
  const name = w.pageName(page);
  const content = page.data.content;
  w.record(() => `writeback ${name} (content v${content}), PG_dirty cleared`, name);
}
