/**
 * mm/userfaultfd.c: `UFFDIO_COPY` into a private uffd-armed VMA inserts an anon PTE without
 * the page-cache page lock (S2:270-275), and `UFFDIO_POISON` inserts a marker.
 */
import type { Step } from '../model/actor';
import { current } from '../model/world';
import { __pte_alloc, newAnonPage } from './memory';
import { pmdKind, pte_offset_map_lock, pte_unmap_unlock, ptep_get, set_pte_at } from './pgtable_generic';
import { page_add_rmap } from './rmap';

/** `mfill_atomic_pte()` for UFFDIO_COPY (poison=false) or UFFDIO_POISON (poison=true). */
export function* mfill_atomic_pte(slot: number, index: number, poison: boolean): Step {
  const w = current();
  const vma = w.mm.vmas[slot]!;
  if (!vma.attached || vma.uffd !== 'missing') return;
  if (!poison && vma.kind !== 'anon' && vma.shared) {
    // shmem_mfill_atomic_pte() inserts into the page cache, and the file's page cache is fully
    // populated: -EEXIST. Only a private VMA gets the "as-if-COWed" anon PTE (S2:270-275).
    w.record('UFFDIO_COPY: page cache already populated (-EEXIST)');
    return;
  }
  if (!poison) {
    vma.anonVma = true;
    w.record('anon_vma_prepare()');
  }
  if (pmdKind(w.mm.pmds[slot]!) === 'none') yield* __pte_alloc(slot);
  const h = yield* pte_offset_map_lock(slot);
  if (!h) return;
  yield;
  if (ptep_get(h, index).k === 'none') {
    if (poison) {
      set_pte_at(h, index, { k: 'marker', m: 'poison' }, 'set_pte_at(PTE_MARKER_POISONED)');
    } else {
      const page = newAnonPage();
      set_pte_at(h, index, { k: 'present', page, gen: page.gen, write: true, dirty: true });
      page_add_rmap(page);
    }
  }
  pte_unmap_unlock(h);
}
