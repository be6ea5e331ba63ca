/**
 * Delayed rmap and no lost dirty data (contracts.md §2.E, S4): data pages are freed after the
 * flush (C-GA-1), dirty file pages lose their rmap only after the flush and before the ptl is
 * dropped (C-GA-2, C-GA-4), no write through a stale TLB is lost (C-GA-7), mapcount never goes
 * negative (C-GA-8), and an aborting path flushes what it cleared (C-GA-9).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'delayed-rmap',
  title: 'delayed rmap after the TLB flush; no lost dirty data',
  contracts: ['C-GA-1', 'C-GA-2', 'C-GA-4', 'C-GA-7', 'C-GA-8', 'C-GA-9', 'C-GA-10'],
  appliesTo: () => true,
};

export default property;
