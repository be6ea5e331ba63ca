/**
 * powerpc book3s64, v6.6: PTE fragments (PTE_FRAG_NR per page, never reused, pt_frag_refcount),
 * pte_free_defer = SetPageActive + pte_fragment_free (Hugh Dickins' v3, S2:1803-1893), its own
 * __tlb_remove_table decoding the table index from the pointer's low bits, RCU table free,
 * TLB flush by broadcast (tlbie). The model's PTE_FRAG_NR is 4 (hash 64K: 16, radix 64K: 256):
 * more than two, so that the model's never-reuse check (C-PPC-1) applies. Mirrors arch/powerpc/mm/pgtable-frag.c and
 * arch/powerpc/include/asm/book3s/64/pgalloc.h (v6.6); the pgalloc.h hook macros, the same in
 * every era, are in ./hooks.ts.
 */
import type { Adapter } from '../../src/kernel';
import { book3s64_pte_hooks } from './hooks';
import { book3s64FlushHooks } from './tlb';
import { assert_pte_locked } from './debug_vm';
import { destroy_pagetable_cache, pte_fragment_free, pte_free_defer, __tlb_remove_table } from './pgtable-frag';

const adapter: Adapter = {
  name: 'powerpc-book3s64-v6.6',
  arch: 'powerpc',
  era: 'v6.6',
  source: 'arch/powerpc/mm/pgtable-frag.c pte_fragment_alloc/pte_fragment_free/pte_free_defer; arch/powerpc/include/asm/book3s/64/pgalloc.h pte_alloc_one/__pte_free_tlb; arch/powerpc/mm/book3s64/pgtable.c __tlb_remove_table (v6.6)',
  description: 'Fragments share a page; the last fragment free decides call_rcu (Active) or an immediate free. Known-bad: pte_frag_destroy() at exit frees a page whose deferred fragment still waits for its grace period (and leaves PG_active set).',
  knownBad: {
    kind: 'historical',
    // C-LT-4: freed while the deferral's grace period runs; C-PPC-2: freed after it with PG_active
    // still set ("BUG: Bad page state"). The 2026 fix repairs only the second (book3s64-2026.ts).
    contracts: ['C-LT-4', 'C-PPC-2'],
    fix: 'powerpc/pgtable-frag: Fix bad page state in pte_frag_destroy (Ritesh Harjani, linuxppc-dev, 9 Mar 2026, powerpc/next fda4d71651f7; Fixes: 32cc0b7c9d50) for C-PPC-2; C-LT-4 is still open (see powerpc-book3s64-2026)',
  },
  declarations: {
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'broadcast', tablesPerPage: 4, pgtableIsPtePointer: true,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },
  ...book3s64_pte_hooks({ pte_fragment_free, pte_free_defer, __tlb_remove_table, destroy_pagetable_cache }),
  /* book3s/64/tlbflush.h tlb_flush()/flush_tlb_range() → radix__* (./tlb.ts) */
  ...book3s64FlushHooks,
  /* CONFIG_DEBUG_VM: pte_update() → assert_pte_locked() (./debug_vm.ts) */
  assert_pte_locked,
};

export default adapter;
