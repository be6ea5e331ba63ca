/**
 * s390, 2026 (linux-mm): gmap/PGSTE gone from the page-table code, whole 4K PTE tables,
 * generic __tlb_remove_table, pte_free_defer = plain call_rcu (no WARN), and PT_RECLAIM on by
 * default (MMU_GATHER_RCU_TABLE_FREE && !HAVE_ARCH_TLB_REMOVE_TABLE), so MADV_DONTNEED frees
 * empty, RCU-reachable tables through the mmu_gather.
 *
 * Mirrors arch/s390/mm/pgalloc.c (linux-mm/linux-mm @68fad6be) and arch/s390/include/asm/tlb.h
 * (@c40a11d2): docs/kernel-notes/arch-powerpc-s390-sparc.md §2.4. `page_table_alloc`,
 * `page_table_free` and `pte_free_now` are v6.14's (./pgalloc-page.ts); the asm/pgalloc.h hook
 * macros are in ./hooks.ts.
 */
import {
  __tlb_adjust_range, __model_world, call_rcu, tlb_remove_ptdesc, virt_to_ptdesc, type Adapter, type Mm, type MmuGather,
} from '../../src/kernel';
import { S390_DECLARATIONS } from './declarations';
import { s390_pte_hooks } from './hooks';
import { s390FlushHooks } from './tlb';
import { page_table_alloc, page_table_free, pte_free_now } from './pgalloc-page';

/** `page_table_alloc(mm)` (GFP_KERNEL_ACCOUNT + ctor) and `page_table_free(mm, table)` (pagetable_dtor_free), unchanged since v6.14. */
export { page_table_alloc, page_table_free };

/** `pte_free_defer(mm, pgtable)`: call_rcu on pt_rcu_head. */
export function pte_free_defer(mm: Mm, pgtable: number): void {
  void mm;
  call_rcu(virt_to_ptdesc(pgtable).rcu_head, pte_free_now);
}

/** asm/tlb.h `pte_free_tlb(tlb, pte, address)` without gmap_unlink. */
export function pte_free_tlb(tlb: MmuGather, pte: number, address: number): void {
  __tlb_adjust_range(tlb, address, 4096);
  tlb.mm.context.flush_mm = true;
  __model_world().record('tlb->mm->context.flush_mm = 1');
  tlb.freed_tables = true;
  tlb_remove_ptdesc(tlb, virt_to_ptdesc(pte));
}

const adapter: Adapter = {
  name: 's390-2026',
  arch: 's390',
  era: '2026',
  source: 'arch/s390/mm/pgalloc.c page_table_alloc/page_table_free/pte_free_defer; arch/s390/include/asm/tlb.h pte_free_tlb (linux-mm 2026)',
  description: 'Whole 4K PTE tables, generic __tlb_remove_table, PT_RECLAIM; no PGSTE code left.',
  // Split PTE ptlocks (s390 defconfig NR_CPUS >= 4): with unsplit ptlocks PT_RECLAIM meets the
  // collapse_pte_mapped_thp() window of fixtures/findings/collapse-unsplit-ptl-reclaim.ts.
  declarations: { ...S390_DECLARATIONS, tablesPerPage: 1, PT_RECLAIM: true, HAVE_ARCH_TLB_REMOVE_TABLE: false, SPLIT_PTE_PTLOCKS: true },
  ...s390_pte_hooks({ page_table_alloc, page_table_free, pte_free_defer, pte_free_tlb }),
  /* asm/tlb.h tlb_flush(), asm/tlbflush.h flush_tlb_range(), the IDTE/IPTE of pmdp_collapse_flush()/ptep_clear_flush() (./tlb.ts) */
  ...s390FlushHooks,
};

export default adapter;
