/**
 * Lock and recheck (contracts.md §2.A, §2.B): pte_offset_map_lock returns a table still linked
 * at *pmd (C-MAP-5); nobody unlinks a table without pmd_lock and its ptl (C-MAP-6, C-RM-1);
 * a nolock/rw_nolock caller writes only after taking and revalidating the ptl (C-MAP-7; writes
 * through pte_offset_map/_lock without the ptl are lockdep's C-LK-1); ptl == pml is taken once
 * and every unlock matches a lock (C-RM-2); pmd_same is total (C-RM-13).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'lock-recheck',
  title: 'lock-and-recheck of pte_offset_map_lock; locked removal',
  contracts: ['C-MAP-5', 'C-MAP-6', 'C-MAP-7', 'C-RM-1', 'C-RM-2', 'C-RM-6', 'C-RM-7', 'C-RM-13'],
  appliesTo: () => true,
};

export default property;
