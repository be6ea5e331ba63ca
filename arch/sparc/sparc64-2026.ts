/**
 * sparc64 (SMP), 2026: as v6.6 with the shared `__pte_alloc_one` (pagetable_alloc +
 * pagetable_pte_ctor(mm, ...)) for user and kernel tables, `__pte_free` = pagetable_dtor + free,
 * HAVE_ARCH_TLB_REMOVE_TABLE (own __tlb_remove_table, so no PT_RECLAIM), and the 2026 generic
 * mmu_gather (batch-allocation failure waits with synchronize_rcu()). See ./init_64.ts.
 */
import type { Adapter } from '../../src/kernel';
import base from './sparc64-v6.6';

const adapter: Adapter = {
  ...base,
  name: 'sparc64-2026',
  era: '2026',
  source: 'arch/sparc/mm/init_64.c (linux-mm @293098ce) __pte_alloc_one/__pte_free/pte_free_now/pte_free_defer; arch/sparc/include/asm/{pgalloc_64,tlb_64}.h (2026)',
  declarations: { ...base.declarations, HAVE_ARCH_TLB_REMOVE_TABLE: true },
};

export default adapter;
