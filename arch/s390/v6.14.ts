/**
 * s390, v6.14+: whole 4K PTE tables and the generic __tlb_remove_table() (Qi Zheng's series:
 * `pagetable_dtor_free()` after the grace period, for every level); pte_free_defer is call_rcu
 * plus WARN_ON_ONCE(mm_has_pgste(mm)) ("THPs are not allowed for KVM guests ... Turn to the
 * generic pte_free_defer() version once gmap is removed").
 *
 * Mirrors arch/s390/mm/pgalloc.c `page_table_alloc`, `page_table_free`, `pte_free_now`,
 * `pte_free_defer` and arch/s390/include/asm/tlb.h `pte_free_tlb` (torvalds/linux @00c010e1,
 * a ≥v6.16 tree with the v6.14 structure): docs/kernel-notes/arch-powerpc-s390-sparc.md §2.4.
 * `page_table_alloc`, `page_table_free` and `pte_free_now` read the same through 2026 and live in
 * ./pgalloc-page.ts; the asm/pgalloc.h hook macros in ./hooks.ts.
 */
import {
  __tlb_adjust_range, __model_world, call_rcu, gmap_unlink, mm_has_pgste, tlb_remove_ptdesc, virt_to_ptdesc, WARN_ON_ONCE,
  type Adapter, type Mm, type MmuGather,
} from '../../src/kernel';
import { S390_DECLARATIONS } from './declarations';
import { s390_pte_hooks } from './hooks';
import { s390FlushHooks } from './tlb';
import { page_table_alloc, page_table_free, pte_free_now } from './pgalloc-page';

/** `page_table_alloc(mm)` (pagetable_alloc + pagetable_pte_ctor(mm, ptdesc)) and `page_table_free(mm, table)` (→ pagetable_dtor_free). */
export { page_table_alloc, page_table_free };

/** `pte_free_defer(mm, pgtable)`: call_rcu, then warn if a PGSTE (KVM guest) mm ever gets here. */
export function pte_free_defer(mm: Mm, pgtable: number): void {
  const ptdesc = virt_to_ptdesc(pgtable);
  call_rcu(ptdesc.rcu_head, pte_free_now);
  WARN_ON_ONCE(mm_has_pgste(mm), 'pte_free_defer() on a PGSTE mm: THPs are not allowed for KVM guests');
}

/** asm/tlb.h `pte_free_tlb(tlb, pte, address)`. */
export function pte_free_tlb(tlb: MmuGather, pte: number, address: number): void {
  __tlb_adjust_range(tlb, address, 4096);
  tlb.mm.context.flush_mm = true;
  __model_world().record('tlb->mm->context.flush_mm = 1');
  tlb.freed_tables = true;
  if (mm_has_pgste(tlb.mm)) gmap_unlink(tlb.mm, pte, address);
  tlb_remove_ptdesc(tlb, virt_to_ptdesc(pte));
}

const adapter: Adapter = {
  name: 's390-v6.14',
  arch: 's390',
  era: 'v6.14',
  source: 'arch/s390/mm/pgalloc.c page_table_alloc/page_table_free/pte_free_defer; arch/s390/include/asm/tlb.h pte_free_tlb; generic __tlb_remove_table (v6.14+)',
  description: 'Whole 4K PTE tables; the generic __tlb_remove_table runs dtor + free after the grace period.',
  declarations: { ...S390_DECLARATIONS, tablesPerPage: 1 },
  ...s390_pte_hooks({ page_table_alloc, page_table_free, pte_free_defer, pte_free_tlb }),
  /* asm/tlb.h tlb_flush(), asm/tlbflush.h flush_tlb_range(), the IDTE/IPTE of pmdp_collapse_flush()/ptep_clear_flush() (./tlb.ts) */
  ...s390FlushHooks,
};

export default adapter;
