/**
 * Table lifetime (contracts.md §2.C): a table page is freed only after every pte_offset_map
 * reader unmapped it (C-LT-1), every paging-structure cache was flushed (C-LT-2), every
 * IRQs-off walker finished (C-LT-3), the grace period of its pte_free_defer ended (C-LT-4),
 * and its mmu_gather invalidated the TLB (C-LT-11); a shared hugetlb pmd table is handed to its
 * last sharer only after the unsharer waited for IRQs-off walkers (C-HUGE-1).
 */
import type { Property } from '../src/check/property';
import { hugetlbPmdSharing } from '../src/mm/hugetlb';

const property: Property = {
  id: 'lifetime',
  title: 'table lifetime against RCU readers, IRQs-off walkers and hardware walk caches',
  contracts: ['C-LT-1', 'C-LT-2', 'C-LT-3', 'C-LT-4', 'C-LT-11', 'C-HUGE-1'],
  appliesTo: () => true,
  contractApplies: (a, id) => (id === 'C-LT-4' ? a.declarations.THP : id === 'C-HUGE-1' ? hugetlbPmdSharing(a) : true),
};

export default property;
