/**
 * No allocation in pte_free_defer (C-LT-5): allocation cannot be relied on inside
 * retract_page_tables(), and tlb_remove_table()'s GFP_NOWAIT fallback is only semi-RCU.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'defer-alloc',
  title: 'no allocation (and no tlb_remove_table) in pte_free_defer',
  contracts: ['C-LT-5'],
  appliesTo: (a) => a.declarations.THP && a.pte_free_defer !== undefined,
};

export default property;
