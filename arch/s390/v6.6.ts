/**
 * s390, v6.6: 2K PTE tables, two per 4K page (AA/PP bits in the upper byte of `_refcount`,
 * `mm->context.pgtable_list`, PageActive for deferred pages), RCU table free with half-tagged
 * pointers, MMU_GATHER_NO_GATHER (data pages freed at once: IPTE flushes as it clears, no
 * delayed rmap), TLB flush by hardware broadcast (IPTE/IDTE).
 *
 * Mirrors arch/s390/mm/pgalloc.c and arch/s390/include/asm/{pgalloc,tlb}.h of Linux v6.6
 * (see ./pgalloc-frag.ts); era boundaries in docs/kernel-notes/arch-powerpc-s390-sparc.md §2.
 */
import type { Adapter } from '../../src/kernel';
import { S390_DECLARATIONS } from './declarations';
import { s390_pte_hooks } from './hooks';
import { s390FlushHooks } from './tlb';
import { __tlb_remove_table, page_table_alloc, page_table_free, pte_free_defer, pte_free_tlb } from './pgalloc-frag';
import { pmd_alloc_one, pmd_free_tlb } from './crst';

/** The declarations shared by the s390 adapters (./declarations.ts), also exported from here. */
export { S390_DECLARATIONS };

const adapter: Adapter = {
  name: 's390-v6.6',
  arch: 's390',
  era: 'v6.6',
  source: 'arch/s390/mm/pgalloc.c page_table_alloc/page_table_free/page_table_free_rcu/__tlb_remove_table/pte_free_defer; arch/s390/include/asm/tlb.h pte_free_tlb/pmd_free_tlb, asm/pgalloc.h pmd_alloc_one, pgalloc.c crst_table_alloc/crst_table_free (v6.6)',
  description: '2K fragments: AA/PP bits in _refcount, pgtable_list, two-step XOR release, PageActive defers the RCU call until both halves are free.',
  declarations: { ...S390_DECLARATIONS, tablesPerPage: 2 },
  ...s390_pte_hooks({ page_table_alloc, page_table_free, pte_free_defer, pte_free_tlb, __tlb_remove_table }),
  /* asm/tlb.h tlb_flush(), asm/tlbflush.h flush_tlb_range(), the IDTE/IPTE of pmdp_collapse_flush()/ptep_clear_flush() (./tlb.ts) */
  ...s390FlushHooks,
  /* asm/pgalloc.h pmd_alloc_one(); asm/tlb.h pmd_free_tlb() (./crst.ts) */
  pmd_alloc_one(mm) {
    return pmd_alloc_one(mm);
  },
  __pmd_free_tlb(tlb, pmd, address) {
    pmd_free_tlb(tlb, pmd as number, address);
  },
};

export default adapter;
