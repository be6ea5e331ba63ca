/**
 * sparc32 (SRMMU, SMP), v6.6: nocache-pool PTE tables sharing pages, ctor/dtor on the page's
 * first/last user table, no THP, no tlb_remove_table: __pte_free_tlb frees the table at once,
 * before the mmu_gather's TLB flush. Cross-call (IPI) TLB flushes. See ./srmmu.ts.
 *
 * Declarations: ctorDtor true (srmmu.c runs pagetable_pte_ctor/dtor per page since 2020; the
 * seeds' "no ctor/dtor" for sparc32, C-DT-4, predates that), tablesPerPage 2 (a model
 * approximation of 16, see ./srmmu.ts).
 *
 * Split PTE ptlocks are impossible on sparc32: mm/Kconfig `config SPLIT_PTE_PTLOCKS ... depends
 * on !SPARC32` (before that, `SPLIT_PTLOCK_CPUS` defaulted to 999999 if SPARC32, the same
 * thing), so every PTE table is locked by mm->page_table_lock, there is no separate ptlock
 * object (ALLOC_SPLIT_PTLOCKS false) and `pagetable_pte_ctor()` cannot fail: the ctor-failure
 * leak in srmmu.c pte_alloc_one() (it returns NULL without srmmu_free_nocache()) is dead code on
 * every real sparc32 configuration and is no documented contract of this adapter any more.
 * SPLIT_PTE_PTLOCKS stays `true` here only because of a model limit: srmmu.c pte_free() takes
 * mm->page_table_lock, and with unsplit ptlocks another actor holds that lock as its ptl, which
 * a hook cannot wait for ("contended inside an atomic hook"). Model change M2 in
 * docs/kernel-notes/audit-sparc.md; declare `false` once hooks can block.
 */
import type { Adapter } from '../../src/kernel';
import { pte_alloc_one, pte_free } from './srmmu';
import { srmmuFlushHooks } from './tlb';

const adapter: Adapter = {
  name: 'sparc32-v6.6',
  arch: 'sparc',
  era: 'v6.6',
  source: 'arch/sparc/mm/srmmu.c pte_alloc_one/pte_free/srmmu_get_nocache/srmmu_free_nocache; arch/sparc/include/asm/pgalloc_32.h pte_alloc_one_kernel/__pte_free_tlb (v6.6)',
  description: 'Nocache-pool chunks shared by several tables per page, ctor/dtor on the first/last user table, immediate free in __pte_free_tlb. Known-bad (suspected): the chunk is freed before the TLB flush (C-LT-2, where the SRMMU caches page table pointers).',
  knownBad: {
    kind: 'suspected',
    contracts: ['C-LT-2'],
    fix: 'none upstream (the model\'s own finding). C-LT-2: __pte_free_tlb() returns the chunk to the nocache pool before tlb_finish_mmu() flushes; a TLB that caches page table pointers (PTPs, e.g. the microSPARC TLB entry has a PTP bit) can then walk a reused chunk: free after the flush (page batch) instead',
  },
  declarations: {
    SMP: true, THP: false, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true /* really false: see above */, ALLOC_SPLIT_PTLOCKS: false,
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 2, pgtableIsPtePointer: true,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true, HAVE_FAST_GUP: false,
  },
  pte_alloc_one(mm) {
    return pte_alloc_one(mm);
  },
  pte_free(mm, pte) {
    pte_free(mm!, pte as number);
  },
  /* pgalloc_32.h: #define __pte_free_tlb(tlb, pte, addr) pte_free((tlb)->mm, pte) */
  __pte_free_tlb(tlb, pte) {
    pte_free(tlb.mm, pte as number);
  },
  /* asm-generic tlb_flush(), tlbflush_32.h flush_tlb_range()/flush_tlb_page() → smp_32.c cross-calls (./tlb.ts) */
  ...srmmuFlushHooks,
};

export default adapter;
