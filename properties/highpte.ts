/**
 * HIGHPTE (contracts.md C-MAP-1/C-MAP-2 with CONFIG_HIGHPTE; ptconform's C-HP-1): PTE tables
 * allocated from highmem are reached only through a temporary mapping. The model marks a table
 * page highmem when the adapter's `pte_alloc_one()` passes `__GFP_HIGHMEM` (src/model/highmem.ts);
 * `__pte_map()` kmaps only when the adapter declares `HIGHPTE`, and `page_address()` of a
 * highmem table outside a kmap is the kernel's NULL. The kmap_local stack itself (LIFO unmaps,
 * no slot left mapped when an operation returns) is C-MAP-2 (properties/map-balance.ts).
 *
 * Applies to every adapter: any arch with HIGHMEM (x86-32, arm, mips32, powerpc32, ...) may pass
 * `__GFP_HIGHMEM`, and an adapter that never does passes by construction.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'highpte',
  title: 'highmem page tables are only accessed through kmap_local',
  contracts: ['C-HP-1'],
  appliesTo: () => true,
};

export default property;
