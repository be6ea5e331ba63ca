/**
 * x86-32 native (!CONFIG_PARAVIRT, !X86_PAE), v6.14. ARCH_SUPPORTS_PT_RECLAIM is selected only
 * `if X86_64`, so a 32-bit v6.14 kernel has neither PT_RECLAIM nor MMU_GATHER_RCU_TABLE_FREE.
 * After Qi Zheng's dtor move, `___pte_free_tlb()` no longer runs the dtor itself; the
 * !PARAVIRT && !PT_RECLAIM `paravirt_tlb_remove_table()` stub does, right before queueing the
 * page in the page batch ("so the dtor still runs at unlink time", kernel notes E4). The page is
 * freed after the IPI flush.
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb`, `paravirt_tlb_remove_table`
 * (!CONFIG_PARAVIRT, !CONFIG_PT_RECLAIM) after "x86: pgtable: move pagetable_dtor() to
 * __tlb_remove_table()" (v5 12/17, [ML id 36314449858]); include/asm-generic/pgalloc.h
 * `pte_free`; mm/pgtable-generic.c `pte_free_defer` (v6.14).
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): matches v6.14. Flush side, not modelled:
 * `flush_tlb_range()` (pmdp_collapse_flush) still passes freed_tables = false, so lazy-TLB CPUs
 * get no IPI for a retracted table (fixed by 3ef938c35035, v6.15); the should_flush_tlb() /
 * switch_mm_irqs_off() race that can skip a CPU switching into the mm (fea4e317f9e7, v6.15-rc6;
 * 83b0177a6c48, v6.18-rc) is open in this era.
 */
import {
  page_ptdesc, pagetable_dtor, paravirt_release_pte, ptdesc_page, tlb_remove_page,
  type Adapter, type MmuGather, type Page, type Ptdesc,
} from '../../src/kernel';
import { X86_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_14, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

/** arch/x86/mm/pgtable.c (!CONFIG_PARAVIRT, !CONFIG_PT_RECLAIM): dtor, then the page batch. */
function paravirt_tlb_remove_table(tlb: MmuGather, table: Ptdesc): void {
  const ptdesc = table;
  pagetable_dtor(ptdesc);
  tlb_remove_page(tlb, ptdesc_page(ptdesc));
}

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (v6.14). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  paravirt_release_pte(page_to_pfn(pte), 'native-inline');
  paravirt_tlb_remove_table(tlb, page_ptdesc(pte));
}

const adapter: Adapter = {
  name: 'x86-32-native-v6.14',
  arch: 'x86',
  era: 'v6.14',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb/paravirt_tlb_remove_table (!CONFIG_PARAVIRT, !CONFIG_PT_RECLAIM); include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (v6.14)',
  description: '32-bit x86 without PARAVIRT in v6.14: no PT_RECLAIM (x86_64 only), so no RCU table free; the !PT_RECLAIM stub runs the dtor and queues the page batch, freed after the IPI flush.',
  knownBad: {
    kind: 'historical',
    contracts: ['C-LT-2'],
    fix: '3ef938c35035 "x86/mm: Fix flush_tlb_range() when used for zapping normal PMDs" (v6.15): flush_tlb_range() passed freed_tables = false for the PMD stride of pmdp_collapse_flush(), so native_flush_tlb_multi() skipped lazy-TLB CPUs, whose paging-structure caches kept the retracted table after pte_free_defer() freed it',
  },
  declarations: X86_DECLARATIONS,
  ...x86_pte_hooks(pte_free_v6_14, ___pte_free_tlb),
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('v6.14', false),
};

export default adapter;
