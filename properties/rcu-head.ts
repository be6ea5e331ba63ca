/**
 * rcu_head exclusivity (contracts.md §2.C): one call_rcu per rcu_head until its callback runs,
 * one per page where fragments share it (C-LT-7); the overlaid lru is not on a list while it
 * is queued (C-LT-8); callbacks do not dereference the mm (C-LT-9).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'rcu-head',
  title: 'rcu_head exclusivity',
  contracts: ['C-LT-7', 'C-LT-8', 'C-LT-9'],
  appliesTo: () => true,
};

export default property;
