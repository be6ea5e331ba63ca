/**
 * x86 native (!CONFIG_PARAVIRT), v6.6 (model era 'v6.6', the 2023 seed-002 era): no
 * MMU_GATHER_RCU_TABLE_FREE (x86 selects it only `if PARAVIRT` in v4.19 .. v6.14).
 * `___pte_free_tlb()` runs the dtor at unlink time, calls the (empty) pv release hook, and
 * queues the page in the mmu_gather's *page* batch through the !PARAVIRT
 * `paravirt_tlb_remove_table()` stub (`tlb_remove_page`). The page is freed after the flush,
 * and flushes are IPIs that wait for every IRQs-off section: that is what keeps `gup_fast`
 * safe (contracts.md §3.1 "x86 native").
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` and the !CONFIG_PARAVIRT
 * `paravirt_tlb_remove_table` stub (v4.19 .. v6.13 shape: PeterZ 48a8b97cfd80 post-image,
 * [ML id 34447054849]; v6.6 form in Michael-J-K94/6.6.8-pgcxl arch/x86/mm/pgtable.c @ 1cf7b0c0);
 * arch/x86/include/asm/pgalloc.h `__pte_free_tlb`; include/asm-generic/pgalloc.h `pte_free`;
 * mm/pgtable-generic.c `pte_free_defer` (v6.6).
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): named -v6.6, not -v6.5. `pte_free_defer()`
 * and the lockless retract_page_tables() it serves came with Hugh Dickins' "mm: free retracted
 * page table by RCU" (v6.6; pmdp_get_lockless_sync 146b42e07494 is dated after v6.5-rc1), so
 * this is v6.6 code, and its era is 'v6.6' (relabelled from 'v6.5' when the model gained that
 * era; the v6.5 retract with mmap_write_trylock + pte_free is not modelled). The
 * freeing code is the same in v6.5 and v6.6 except for names: v6.5 `pgtable_pte_page_dtor(pte)`,
 * v6.6 `pagetable_pte_dtor(page_ptdesc(pte))`. Flush side (./tlb.ts): v6.6 `flush_tlb_range()`
 * (pmdp_collapse_flush) passes freed_tables = false, so lazy-TLB CPUs keep paging-structure
 * entries for the retracted table: known-bad, fixed by 3ef938c35035 (v6.15).
 */
import { pagetable_dtor, paravirt_release_pte, tlb_remove_page, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { X86_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_5, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** arch/x86/mm/pgtable.c (!CONFIG_PARAVIRT): `paravirt_tlb_remove_table(tlb, table)` = `tlb_remove_page(tlb, table)`. */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Page): void {
  tlb_remove_page(tlb, table);
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v4.19 .. v6.13). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  pagetable_dtor(pte); /* v6.6: pagetable_pte_dtor(page_ptdesc(pte)); v6.5: pgtable_pte_page_dtor(pte) */
  paravirt_release_pte(page_to_pfn(pte), 'native-inline');
  paravirt_tlb_remove_table(tlb, pte);
}

const adapter: Adapter = {
  name: 'x86-native-v6.6',
  arch: 'x86',
  era: 'v6.6',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb/paravirt_tlb_remove_table (!CONFIG_PARAVIRT stub); arch/x86/include/asm/pgalloc.h __pte_free_tlb; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.6)',
  description: 'Bare-metal x86 without CONFIG_PARAVIRT: dtor at unlink, PTE tables freed through the page batch after the IPI flush; gup_fast is protected by its IRQs-off section.',
  knownBad: {
    kind: 'historical',
    contracts: ['C-LT-2'],
    fix: '3ef938c35035 "x86/mm: Fix flush_tlb_range() when used for zapping normal PMDs" (v6.15): flush_tlb_range() passed freed_tables = false for the PMD stride of pmdp_collapse_flush(), so native_flush_tlb_multi() skipped lazy-TLB CPUs, whose paging-structure caches kept the retracted table after pte_free_defer() freed it',
  },
  declarations: X86_DECLARATIONS,

  /*
   * arch/x86/mm/pgtable.c pte_alloc_one(); include/asm-generic/pgalloc.h pte_free() →
   * pagetable_pte_dtor + pagetable_free (v6.5: pgtable_pte_page_dtor + __free_page);
   * mm/pgtable-generic.c pte_free_defer() → call_rcu(&page->rcu_head, pte_free_now);
   * arch/x86/include/asm/pgalloc.h __pte_free_tlb() → ___pte_free_tlb(tlb, pte) above.
   */
  ...x86_pte_hooks(pte_free_v6_5, ___pte_free_tlb),
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('v6.5', false),
};

export default adapter;
