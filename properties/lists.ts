/**
 * List integrity on `page->lru` (CONFIG_DEBUG_LIST's checks, C-LIST-1): no `list_add` of an
 * entry already on a list, no `list_del` of an entry on none, and no page returned to the
 * allocator while a list still links it.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'lists',
  title: 'page->lru list integrity',
  contracts: ['C-LIST-1'],
  appliesTo: () => true,
};

export default property;
