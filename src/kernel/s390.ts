/**
 * Kernel primitives for s390 arch code (and the historical s390 designs of fixtures/broken):
 * the PGSTE predicates, gmap_unlink, mm pinning for RCU callbacks (mmgrab / mmdrop_async), and
 * `mm->context.lock` as taken by pgalloc.c, which checks that an RCU callback dereferences the
 * mm only while it holds a pin on it (C-LT-9, B8 (c)).
 *
 * Writing list pointers into table memory (B9) uses `write_table_word` from `./raw`.
 */
import type { Mm } from '../model/mm';
import { current } from '../model/world';
import type { Step } from '../model/actor';
import { gmap_unlink_vmaddr } from '../mm/gmap';
import { spin_lock, spin_lock_wait, spin_unlock } from './sync';

/** mmgrab() pins per mm (mm_count beyond the one exit_mmap drops), per run. */
const pins = new WeakMap<Mm, number>();

/**
 * `mm_alloc_pgste(mm)` / `mm_has_pgste(mm)`: the mm is a KVM guest with PGSTEs. The model's mm
 * is a PGSTE mm when the adapter declares the hypothetical `pgsteThp` configuration (THP on a
 * KVM guest, B12) or when the mm context says so.
 */
export function mm_has_pgste(mm: Mm): boolean {
  return mm.context.has_pgste || current().decl.pgsteThp === true;
}

/** `mm_alloc_pgste(mm)`: allocate 4K tables with PGSTEs (the model does not distinguish it from mm_has_pgste). */
export const mm_alloc_pgste = mm_has_pgste;

/** `gmap_unlink(mm, table, vmaddr)`: clear the gmap's guest segment entry for host address `vmaddr` (src/mm/gmap.ts). */
export function gmap_unlink(mm: Mm, table: number, vmaddr: number): void {
  void mm;
  const w = current();
  w.record(`gmap_unlink(${w.ptName(table)}, 0x${vmaddr.toString(16)})`, [w.ptName(table)]);
  gmap_unlink_vmaddr(w, vmaddr);
}

/** `mmgrab(mm)`: keep the mm_struct (not its address space) alive. */
export function mmgrab(mm: Mm): void {
  pins.set(mm, (pins.get(mm) ?? 0) + 1);
  current().record('mmgrab(mm)');
}

/** `mmdrop_async(mm)`: drop a pin from a context where mmdrop() is not allowed. */
export function mmdrop_async(mm: Mm): void {
  const n = pins.get(mm) ?? 0;
  pins.set(mm, Math.max(0, n - 1));
  current().record('mmdrop_async(mm)');
}

/** Whether the current actor may dereference `mm`: always in task context, only with a pin in an RCU callback. */
function checkMmDeref(mm: Mm, what: string): void {
  const w = current();
  if (w.cur.inCallback > 0 && (pins.get(mm) ?? 0) === 0) {
    w.violate('C-LT-9', `RCU callback ${what} dereferences the mm (${mm.state === 'freed' ? 'already freed' : 'which may be freed at any moment'}) without holding a reference (mmgrab)`);
  }
}

/** `spin_lock_bh(&mm->context.lock)`. */
export function mm_context_lock(mm: Mm): void {
  checkMmDeref(mm, 'spin_lock_bh(&mm->context.lock)');
  spin_lock(mm.context.lock, 'spin_lock_bh');
}

/** `spin_lock_bh(&mm->context.lock)`, waiting while another CPU holds it (the adapter face). */
export function mm_context_lock_wait(mm: Mm): Step {
  checkMmDeref(mm, 'spin_lock_bh(&mm->context.lock)');
  return spin_lock_wait(mm.context.lock, 'spin_lock_bh');
}

/** `spin_unlock_bh(&mm->context.lock)`. */
export function mm_context_unlock(mm: Mm): void {
  spin_unlock(mm.context.lock, 'spin_unlock_bh');
}
