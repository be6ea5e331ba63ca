/**
 * ctor/dtor (contracts.md §2.D): pagetable_dtor runs exactly once per ctor, never before the
 * last possible use of a separately allocated ptlock (C-DT-1), and with an embedded or unsplit
 * ptlock still never while a reader maps the table (C-DT-6: the ordering, with no lock freed);
 * no lock operation touches a ptlock the dtor freed (C-DT-3), and table pages never go through
 * free_page_and_swap_cache (C-LT-13, v6.14+).
 */
import type { Property } from '../src/check/property';
import { eraAtLeast } from '../src/adapter/types';

const property: Property = {
  id: 'dtor',
  title: 'pagetable_dtor exactly once, not before the last possible ptlock use',
  contracts: ['C-DT-1', 'C-DT-3', 'C-DT-6', 'C-LT-13'],
  appliesTo: (a) => a.declarations.ctorDtor,
  contractApplies: (a, id) => (id !== 'C-LT-13' || eraAtLeast(a.era, 'v6.14')) && (id !== 'C-DT-3' || a.declarations.ALLOC_SPLIT_PTLOCKS !== false),
};

export default property;
