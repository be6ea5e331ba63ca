/**
 * x86_64 native (!CONFIG_PARAVIRT), v6.14. v6.14 adds `select ARCH_SUPPORTS_PT_RECLAIM if
 * X86_64`, and mm/Kconfig's PT_RECLAIM (default y, depends on ARCH_SUPPORTS_PT_RECLAIM && MMU &&
 * SMP) selects MMU_GATHER_RCU_TABLE_FREE, so a default x86_64 v6.14 build frees page tables by
 * RCU even without PARAVIRT (docs/kernel-notes/arch-x86-arm-riscv-misc.md §1.1, E4).
 * `___pte_free_tlb()` no longer runs the dtor (Qi Zheng, "x86: pgtable: move pagetable_dtor()
 * to __tlb_remove_table()", v5 12/17): it calls the (empty) pv release hook and the
 * !PARAVIRT && PT_RECLAIM `paravirt_tlb_remove_table()` stub, which is `tlb_remove_table()`; the
 * generic `__tlb_remove_table()` (`pagetable_dtor` + `pagetable_free`) runs after the grace period.
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb`, `paravirt_tlb_remove_table`
 * (!CONFIG_PARAVIRT, CONFIG_PT_RECLAIM) from "x86: mm: free page table pages by RCU instead of
 * semi RCU" [ML id 28988473361] and v5 12/17 [ML id 36314449858]; include/asm-generic/tlb.h
 * `__tlb_remove_table` (generic, v6.14); include/asm-generic/pgalloc.h `pte_free`;
 * mm/pgtable-generic.c `pte_free_defer` (v6.14).
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): matches v6.14. Flush side, not modelled:
 * `flush_tlb_range()` (pmdp_collapse_flush) still passes freed_tables = false, so lazy-TLB CPUs
 * get no IPI for a retracted table (fixed by 3ef938c35035, v6.15); the should_flush_tlb() /
 * switch_mm_irqs_off() race that can skip a CPU switching into the mm (fea4e317f9e7, v6.15-rc6;
 * 83b0177a6c48, v6.18-rc) is open in this era.
 */
import {
  page_ptdesc, paravirt_release_pte, tlb_remove_table, type Adapter, type MmuGather, type Page, type Ptdesc,
} from '../../src/kernel';
import { X86_64_PT_RECLAIM_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_14, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** arch/x86/mm/pgtable.c (!CONFIG_PARAVIRT, CONFIG_PT_RECLAIM): `paravirt_tlb_remove_table()` = `tlb_remove_table()`. */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Ptdesc): void {
  tlb_remove_table(tlb, table);
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v6.14). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  paravirt_release_pte(page_to_pfn(pte), 'native-inline');
  paravirt_tlb_remove_table(tlb, page_ptdesc(pte));
}

const adapter: Adapter = {
  name: 'x86_64-native-v6.14',
  arch: 'x86',
  era: 'v6.14',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb/paravirt_tlb_remove_table (!CONFIG_PARAVIRT, CONFIG_PT_RECLAIM); include/asm-generic/tlb.h __tlb_remove_table; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.14)',
  description: 'Bare-metal x86_64 without CONFIG_PARAVIRT: PT_RECLAIM (default y) selects RCU table free; tables go through the RCU table batch, the dtor runs in the generic __tlb_remove_table.',
  knownBad: {
    kind: 'historical',
    contracts: ['C-LT-2'],
    fix: '3ef938c35035 "x86/mm: Fix flush_tlb_range() when used for zapping normal PMDs" (v6.15): flush_tlb_range() passed freed_tables = false for the PMD stride of pmdp_collapse_flush(), so native_flush_tlb_multi() skipped lazy-TLB CPUs, whose paging-structure caches kept the retracted table after pte_free_defer() freed it',
  },
  declarations: X86_64_PT_RECLAIM_DECLARATIONS,

  /*
   * arch/x86/mm/pgtable.c pte_alloc_one(); include/asm-generic/pgalloc.h pte_free() →
   * pagetable_dtor_free(page_ptdesc(pte_page)); arch/x86/include/asm/pgalloc.h __pte_free_tlb() →
   * ___pte_free_tlb(tlb, pte) above.
   */
  ...x86_pte_hooks(pte_free_v6_14, ___pte_free_tlb),
  /* no __tlb_remove_table: x86 uses the generic one (pagetable_dtor + pagetable_free) from v6.14 */
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('v6.14', false),
};

export default adapter;
