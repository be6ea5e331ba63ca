/**
 * Lock rules (a small lockdep, `src/model/lockdep.ts`): a primitive that needs a lock runs with
 * it held (C-LK-1: s390 pgtable_list under mm->context.lock, PTE writes through a map under the
 * table's ptl); no task takes a lock it holds, nor a second lock of one class without a nesting
 * annotation (C-LK-2); lock classes are taken in one order, whichever tasks and steps (C-LK-3).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'lockdep',
  title: 'locks held where required; no self-deadlock, no lock-order inversion',
  contracts: ['C-LK-1', 'C-LK-2', 'C-LK-3'],
  appliesTo: () => true,
};

export default property;
