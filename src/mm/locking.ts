/**
 * Sleeping locks of the mm: mmap_lock (rwsem) and the file's i_mmap_rwsem. Waiting yields
 * BLOCKED; the holders are visible to monitors.
 */
import { BLOCKED, DONE, type Actor, type Step } from '../model/actor';
import type { RwSem } from '../model/mm';
import { current } from '../model/world';
import { lockdep_acquire, lockdep_acquired, lockdep_release } from '../model/lockdep';
import { vma_end_write_all } from './vma_lock';

/** lockdep class of the rwsem called `name` here (`mmap` → `mmap_lock`, `i_mmap` → `i_mmap_rwsem`). */
const rwsemClass = (name: string): string => (name === 'mmap' ? 'mmap_lock' : `${name}_rwsem`);

/** How a lock is taken: for reading or writing, and the mmap state it gives the actor (mmap_lock only). */
interface Mode {
  write: boolean;
  mmap?: Actor['mmap'];
}

/** Whether the current actor must wait to take `sem` in `mode`. */
function mustWait(sem: RwSem, mode: Mode): boolean {
  const id = current().cur.id;
  if (sem.writer !== null && (mode.write || sem.writer !== id)) return true;
  if (mode.write) for (const r of sem.readers) if (r !== id) return true;
  return false;
}

function take(sem: RwSem, name: string, mode: Mode): void {
  const w = current();
  lockdep_acquired(w, sem, name, rwsemClass(name));
  if (mode.write) {
    sem.writer = w.cur.id;
    w.record(() => `${name}_write_lock()`);
  } else {
    sem.readers.add(w.cur.id);
    w.record(() => `${name}_read_lock()`);
  }
  if (mode.mmap) w.cur.mmap = mode.mmap;
}

/** down_read / down_write: take `sem` at once if free (no new generator), else wait for it. */
function down(sem: RwSem, name: string, mode: Mode): Step {
  lockdep_acquire(current(), sem, name, rwsemClass(name), mode.write ? 'down_write' : 'down_read', false);
  if (mustWait(sem, mode)) return down_wait(sem, name, mode);
  take(sem, name, mode);
  return DONE;
}

function* down_wait(sem: RwSem, name: string, mode: Mode): Step {
  while (mustWait(sem, mode)) yield BLOCKED;
  take(sem, name, mode);
}

const READ: Mode = { write: false };
const WRITE: Mode = { write: true };
const MMAP_READ: Mode = { write: false, mmap: 'read' };
const MMAP_WRITE: Mode = { write: true, mmap: 'write' };

function up_read(sem: RwSem, name: string): void {
  const w = current();
  sem.readers.delete(w.cur.id);
  lockdep_release(w, sem);
  w.record(() => `${name}_read_unlock()`);
}

function up_write(sem: RwSem, name: string): void {
  const w = current();
  if (sem.writer === w.cur.id) sem.writer = null;
  lockdep_release(w, sem);
  w.record(() => `${name}_write_unlock()`);
}

/** `mmap_read_lock(mm)`. */
export function mmap_read_lock(): Step {
  return down(current().mm.mmap_lock, 'mmap', MMAP_READ);
}
/** `mmap_read_unlock(mm)`. */
export function mmap_read_unlock(): void {
  up_read(current().mm.mmap_lock, 'mmap');
  current().cur.mmap = 'none';
}
/** `mmap_write_lock(mm)`. */
export function mmap_write_lock(): Step {
  return down(current().mm.mmap_lock, 'mmap', MMAP_WRITE);
}
/** `mmap_write_unlock(mm)`; `quiet`: not recorded (the end of exit_mmap, where the mm dies). */
export function mmap_write_unlock(quiet = false): void {
  const w = current();
  vma_end_write_all();
  w.mm.mmap_lock.writer = null;
  lockdep_release(w, w.mm.mmap_lock);
  w.cur.mmap = 'none';
  if (!quiet) w.record('mmap_write_unlock()');
}

/** `mmap_write_downgrade(mm)`. */
export function mmap_write_downgrade(): void {
  const w = current();
  const sem = w.mm.mmap_lock;
  vma_end_write_all();
  sem.writer = null;
  sem.readers.add(w.cur.id);
  w.cur.mmap = 'read';
  w.record('mmap_write_downgrade()');
}

/** `i_mmap_lock_read(mapping)`. */
export function i_mmap_lock_read(): Step {
  return down(current().i_mmap, 'i_mmap', READ);
}
/** `i_mmap_unlock_read(mapping)`. */
export function i_mmap_unlock_read(): void {
  up_read(current().i_mmap, 'i_mmap');
}
/** `i_mmap_lock_write(mapping)`. */
export function i_mmap_lock_write(): Step {
  return down(current().i_mmap, 'i_mmap', WRITE);
}
/** `i_mmap_unlock_write(mapping)`. */
export function i_mmap_unlock_write(): void {
  up_write(current().i_mmap, 'i_mmap');
}
