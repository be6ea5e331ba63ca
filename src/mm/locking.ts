/**
 * Sleeping locks of the mm: mmap_lock (rwsem) and the file's i_mmap_rwsem. Waiting yields
 * BLOCKED; the holders are visible to monitors.
 */
import { BLOCKED, type Step } from '../model/actor';
import type { RwSem } from '../model/mm';
import { current } from '../model/world';

function* down_read(sem: RwSem, name: string): Step {
  const w = current();
  while (sem.writer !== null && sem.writer !== w.cur.id) yield BLOCKED;
  sem.readers.add(w.cur.id);
  w.record(() => `${name}_read_lock()`);
}

function* down_write(sem: RwSem, name: string): Step {
  const w = current();
  while (sem.writer !== null || [...sem.readers].some((r) => r !== w.cur.id)) yield BLOCKED;
  sem.writer = w.cur.id;
  w.record(() => `${name}_write_lock()`);
}

function up_read(sem: RwSem, name: string): void {
  const w = current();
  sem.readers.delete(w.cur.id);
  w.record(() => `${name}_read_unlock()`);
}

function up_write(sem: RwSem, name: string): void {
  const w = current();
  if (sem.writer === w.cur.id) sem.writer = null;
  w.record(() => `${name}_write_unlock()`);
}

/** `mmap_read_lock(mm)`. */
export function* mmap_read_lock(): Step {
  yield* down_read(current().mm.mmap_lock, 'mmap');
  current().cur.mmap = 'read';
}
/** `mmap_read_unlock(mm)`. */
export function mmap_read_unlock(): void {
  up_read(current().mm.mmap_lock, 'mmap');
  current().cur.mmap = 'none';
}
/** `mmap_write_lock(mm)`. */
export function* mmap_write_lock(): Step {
  yield* down_write(current().mm.mmap_lock, 'mmap');
  current().cur.mmap = 'write';
}
/** `mmap_write_downgrade(mm)`. */
export function mmap_write_downgrade(): void {
  const w = current();
  const sem = w.mm.mmap_lock;
  sem.writer = null;
  sem.readers.add(w.cur.id);
  w.cur.mmap = 'read';
  w.record('mmap_write_downgrade()');
}

/** `i_mmap_lock_read(mapping)`. */
export function* i_mmap_lock_read(): Step {
  yield* down_read(current().i_mmap, 'i_mmap');
}
/** `i_mmap_unlock_read(mapping)`. */
export function i_mmap_unlock_read(): void {
  up_read(current().i_mmap, 'i_mmap');
}
/** `i_mmap_lock_write(mapping)`. */
export function* i_mmap_lock_write(): Step {
  yield* down_write(current().i_mmap, 'i_mmap');
}
/** `i_mmap_unlock_write(mapping)`. */
export function i_mmap_unlock_write(): void {
  up_write(current().i_mmap, 'i_mmap');
}
