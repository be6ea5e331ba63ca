/**
 * x86, v6.15: MMU_GATHER_RCU_TABLE_FREE is unconditional (tip a37259732a7d "x86/mm: Make
 * MMU_GATHER_RCU_TABLE_FREE unconditional", Rik van Riel, for AMD INVLPGB broadcast flushes that
 * need no IPI), and the `paravirt_tlb_remove_table` indirection is gone ("x86/mm: remove
 * pv_ops.mmu.tlb_remove_table call"): `___pte_free_tlb()` = release hook + `tlb_remove_table()`.
 * The dtor runs only in the generic `__tlb_remove_table()`. This adapter is x86_64 (PT_RECLAIM)
 * with native IPI flushes.
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one` (GFP_PGTABLE_USER) and `___pte_free_tlb`
 * (torvalds/linux @ 0081fdeccbf6, v6.15 merge window), include/asm-generic/tlb.h
 * `__tlb_remove_table`, include/asm-generic/pgalloc.h `pte_free`, mm/pgtable-generic.c
 * `pte_free_defer`.
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): matches v6.15. v6.15 also brings
 * 3ef938c35035 (flush_tlb_range() passes freed_tables = true, so lazy-TLB CPUs are IPI'd after
 * pmdp_collapse_flush) and AMD INVLPGB broadcast flushes (no IPI; leaf-only unless
 * freed_tables), which this IPI-transport adapter does not declare.
 */
import { page_ptdesc, paravirt_release_pte, tlb_remove_table, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { pte_alloc_one } from '../generic/hooks';
import { X86_64_PT_RECLAIM_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_14, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v6.15). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  paravirt_release_pte(page_to_pfn(pte));
  tlb_remove_table(tlb, page_ptdesc(pte));
}

const adapter: Adapter = {
  name: 'x86-v6.15',
  arch: 'x86',
  era: 'v6.15',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb (torvalds/linux @ 0081fdeccbf6); include/asm-generic/tlb.h __tlb_remove_table; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.15)',
  description: 'RCU table free on every x86 config; tables always go through the RCU table batch, the dtor runs in the generic __tlb_remove_table.',
  declarations: X86_64_PT_RECLAIM_DECLARATIONS,
  ...x86_pte_hooks(pte_free_v6_14, ___pte_free_tlb),
  /* arch/x86/mm/pgtable.c (v6.15): pte_alloc_one() → __pte_alloc_one(mm, GFP_PGTABLE_USER) */
  pte_alloc_one,
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('v6.15', false),
};

export default adapter;
