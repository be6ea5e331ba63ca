/**
 * Map/unmap balance and NULL handling (contracts.md §2.A): every successful pte_offset_map*
 * is balanced by one pte_unmap on the same actor before it returns (C-MAP-2, also for arch
 * helpers such as mips __update_tlb, C-ARCH-1), and no caller dereferences a NULL result
 * (C-MAP-9), and no read or write goes through a map after its pte_unmap (C-MAP-13).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'map-balance',
  title: 'pte_offset_map / pte_unmap balance and NULL handling',
  contracts: ['C-MAP-2', 'C-MAP-9', 'C-MAP-13'],
  appliesTo: () => true,
};

export default property;
