/**
 * Writing a raw word into page-table memory, the way code that threads metadata through a
 * table does (s390's list-in-table experiment, B9). Writing into a table whose pte_free_defer
 * still waits for its grace period breaks the RCU promise that it stays a valid table of none
 * entries (C-LT-6).
 */
import { current } from '../model/world';

/** `WRITE_ONCE(((unsigned long *)table)[index], value)` on table memory. */
export function write_table_word(tableVa: number, index: number, value: number): void {
  const w = current();
  const page = w.pageOfVa(tableVa);
  if (!page) throw new Error(`write_table_word: 0x${tableVa.toString(16)} is not model memory`);
  w.record(`WRITE_ONCE(${w.ptName(tableVa)}[${index}], 0x${value.toString(16)})`, [w.ptName(tableVa)]);
  if (page.deferredAtGp !== null && w.rcu.gpCompleted < page.deferredAtGp) {
    w.violate('C-LT-6', `metadata written into ${w.ptName(tableVa)} before the grace period of its pte_free_defer ended: RCU walkers may read it as a PTE`);
  }
  page.slots[w.slotIndex(tableVa, index)] = value === 0 ? { k: 'none' } : { k: 'junk', v: value };
}
