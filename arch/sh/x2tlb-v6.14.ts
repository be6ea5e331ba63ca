/**
 * sh with X2TLB (3-level, 64-bit PTEs on a 32-bit CPU), SMP, v6.14: `select
 * GUP_GET_PXX_LOW_HIGH if X2TLB`, HAVE_GUP_FAST, no MMU_GATHER_RCU_TABLE_FREE (so
 * `pmdp_get_lockless_sync()` is a no-op). `__pte_free_tlb` runs the dtor at unlink time and
 * frees through the page batch after the TLB flush IPI. No THP, no HIGHPTE on sh.
 *
 * Mirrors arch/sh/include/asm/pgalloc.h `__pte_free_tlb` (torvalds/linux @ 0410c612, v6.14:
 * `pagetable_dtor(page_ptdesc(pte)); tlb_remove_page_ptdesc((tlb), page_ptdesc(pte))`),
 * include/asm-generic/pgalloc.h `pte_alloc_one` / `pte_free`, arch/sh/Kconfig (linux-mm @
 * a12b7be9). The SMP flush transport is IPI (arch/sh/kernel/smp.c flush_tlb_*; INFERRED).
 */
import { page_ptdesc, pagetable_dtor, tlb_remove_page_ptdesc, type Adapter, type Page } from '../../src/kernel';
import { pte_alloc_one, pte_free } from '../generic/hooks';
import { shFlushHooks } from './tlb';

const adapter: Adapter = {
  ...shFlushHooks,
  name: 'sh-x2tlb-v6.14',
  arch: 'sh',
  era: 'v6.14',
  source: 'arch/sh/include/asm/pgalloc.h __pte_free_tlb (pagetable_dtor; tlb_remove_page_ptdesc) @ 0410c612; include/asm-generic/pgalloc.h; arch/sh/Kconfig select GUP_GET_PXX_LOW_HIGH if X2TLB (v6.14)',
  description: 'Page-based, pmd read in two halves without RCU table free; dtor + page batch after the IPI flush.',
  declarations: {
    SMP: true, THP: false, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: true,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  pte_alloc_one,
  pte_free,

  /* arch/sh/include/asm/pgalloc.h (v6.14) */
  __pte_free_tlb(tlb, pte, _addr) {
    pagetable_dtor(page_ptdesc(pte as Page));
    tlb_remove_page_ptdesc(tlb, page_ptdesc(pte as Page));
  },
};

export default adapter;
