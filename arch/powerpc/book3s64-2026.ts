/**
 * powerpc book3s64, 2026: PTE fragments with the folio/ptdesc pgtable-frag.c of current mainline
 * and the March 2026 pte_frag_destroy fix (./pgtable-frag-2026.ts); own __tlb_remove_table
 * (HAVE_ARCH_TLB_REMOVE_TABLE, so no PT_RECLAIM); the 2026 generic mmu_gather (batch allocation
 * failure waits with synchronize_rcu()).
 *
 * Known-bad: the fix clears PG_active ("Bad page state") but pte_frag_destroy() still frees, at
 * once, a page whose deferred fragment waits for its grace period: an rmap walker that mapped the
 * fragment before khugepaged retracted it may still read it (or take its ptlock).
 */
import type { Adapter } from '../../src/kernel';
import base from './book3s64-v6.6';
import { book3s64_pte_hooks } from './hooks';
import { book3s64FlushHooks } from './tlb';
import { assert_pte_locked } from './debug_vm';
import { __tlb_remove_table, destroy_pagetable_cache, pte_fragment_free, pte_free_defer } from './pgtable-frag-2026';

const adapter: Adapter = {
  name: 'powerpc-book3s64-2026',
  arch: 'powerpc',
  era: '2026',
  source: 'arch/powerpc/mm/pgtable-frag.c (mainline @00c010e1 + "powerpc/pgtable-frag: Fix bad page state in pte_frag_destroy", powerpc/next fda4d71651f7); arch/powerpc/include/asm/book3s/64/pgalloc.h; arch/powerpc/mm/book3s64/pgtable.c __tlb_remove_table (2026)',
  description: 'Fragments, PG_active deferral at the last fragment free, own __tlb_remove_table. Known-bad: pte_frag_destroy() frees a deferred page without a grace period (the 2026 fix only clears PG_active).',
  knownBad: {
    kind: 'suspected',
    contracts: ['C-LT-4', 'C-PPC-3'],
    fix: 'none upstream: "powerpc/pgtable-frag: Fix bad page state in pte_frag_destroy" (Ritesh Harjani, powerpc/next fda4d71651f7, Mar 2026) clears PG_active but still frees at once; pte_frag_destroy() needs call_rcu(pte_free_now) when folio_test_clear_active()',
  },
  declarations: { ...base.declarations, HAVE_ARCH_TLB_REMOVE_TABLE: true, PT_RECLAIM: false },
  ...book3s64_pte_hooks({ pte_fragment_free, pte_free_defer, __tlb_remove_table, destroy_pagetable_cache }),
  /* book3s/64/tlbflush.h tlb_flush()/flush_tlb_range() → radix__* (./tlb.ts) */
  ...book3s64FlushHooks,
  /* CONFIG_DEBUG_VM: pte_update() → assert_pte_locked() (./debug_vm.ts) */
  assert_pte_locked,
};

export default adapter;
