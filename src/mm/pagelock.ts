/**
 * The page lock of the file THP's pages (the model has one file range): held by file faults
 * while they install a PTE and by khugepaged's collapse (S2:120-128: it stops new PTEs being
 * faulted in, but not UFFDIO_COPY into private mappings).
 */
import { BLOCKED, type Step } from '../model/actor';
import { current } from '../model/world';

/** `lock_page(hpage)`: the file THP's page lock (faults on the file wait for it). */
export function* lock_hpage(): Step {
  const w = current();
  while (w.hpageLocked !== null && w.hpageLocked !== w.cur.id) yield BLOCKED;
  w.hpageLocked = w.cur.id;
  w.record('lock_page(hpage)');
}

/** `unlock_page(hpage)`. */
export function unlock_hpage(): void {
  const w = current();
  if (w.hpageLocked === w.cur.id) w.hpageLocked = null;
  w.record('unlock_page(hpage)');
}
