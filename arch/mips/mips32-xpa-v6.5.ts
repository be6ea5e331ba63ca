/**
 * mips32 with 64-bit physical addresses (CPU_MIPS32 && PHYS_ADDR_T_64BIT, e.g. XPA), SMP, v6.5:
 * arch/mips/Kconfig `select GUP_GET_PXX_LOW_HIGH`, but mips32 page tables have two levels
 * (`config PGTABLE_LEVELS ... default 2`: the pmd is folded into the pgd and is one 32-bit
 * pointer), and include/linux/pgtable.h defines the two-half `pmdp_get_lockless()` (and
 * `pmdp_get_lockless_sync()`) only `#if CONFIG_PGTABLE_LEVELS > 2`. So the only two-half read is
 * the PTE's, in `ptep_get_lockless()` (gup_fast): the declaration `GUP_GET_PXX_LOW_HIGH`, which
 * in this model means "the pmd is read in two halves" (src/adapter/types.ts), is false here. The
 * PTE-halves race is not modelled (docs/kernel-notes/audit-mips.md, model change M1). No
 * MMU_GATHER_RCU_TABLE_FREE: GUP-fast relies on the IPI TLB flush. `__pte_free_tlb` runs the
 * dtor at unlink time and frees through the page batch after the flush. No THP on mips32 with
 * 64-bit physical addresses (CPU_SUPPORTS_HUGEPAGES excludes it), no HIGHPTE on mips.
 * `update_mmu_cache()` re-walks in `__update_tlb()` with a balanced pte_offset_map/pte_unmap.
 * Era 'v6.5': the generic code runs as in v6.5 (pte_offset_map takes no RCU yet, no
 * UFFDIO_POISON; src/mm/era.ts).
 *
 * Mirrors arch/mips/include/asm/pgalloc.h `__pte_free_tlb` (≤ v6.5: `pgtable_pte_page_dtor(pte);
 * tlb_remove_page((tlb), pte)`), include/asm-generic/pgalloc.h `pte_alloc_one` / `pte_free`,
 * arch/mips/mm/tlb-r4k.c `__update_tlb` (v6.5, with pte_unmap), arch/mips/Kconfig
 * GUP_GET_PXX_LOW_HIGH.
 */
import { generic_pte_free, pagetable_dtor, tlb_remove_page, type Adapter, type Page } from '../../src/kernel';
import { pte_alloc_one } from '../generic/hooks';
import { update_mmu_cache } from './tlb-r4k';
import { mipsFlushHooks } from './tlb';

const adapter: Adapter = {
  ...mipsFlushHooks,
  name: 'mips32-xpa-v6.5',
  arch: 'mips',
  era: 'v6.5',
  source: 'arch/mips/include/asm/pgalloc.h __pte_free_tlb (pgtable_pte_page_dtor; tlb_remove_page); arch/mips/mm/tlb-r4k.c __update_tlb (pte_offset_map ... pte_unmap); arch/mips/Kconfig select GUP_GET_PXX_LOW_HIGH if CPU_MIPS32 && PHYS_ADDR_T_64BIT, PGTABLE_LEVELS 2; include/linux/pgtable.h pmdp_get_lockless halves only if CONFIG_PGTABLE_LEVELS > 2 (v6.5)',
  description: 'Page-based, 2-level (one-word pmd; only the PTE is read in two halves, not modelled) without RCU table free; dtor + page batch after the IPI flush; __update_tlb re-walk balanced.',
  declarations: {
    SMP: true, THP: false, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
    // Kconfig selects GUP_GET_PXX_LOW_HIGH, but with 2 levels no pmd is read in halves (see above).
    MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: false, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },

  pte_alloc_one,
  pte_free: generic_pte_free,

  /* arch/mips/include/asm/pgalloc.h (v6.5) */
  __pte_free_tlb(tlb, pte, _address) {
    pagetable_dtor(pte as Page); /* pgtable_pte_page_dtor(pte) */
    tlb_remove_page(tlb, pte as Page);
  },

  update_mmu_cache,
};

export default adapter;
