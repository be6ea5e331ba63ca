/**
 * x86, 2026 (linux-mm): RCU table free unconditional, `___pte_free_tlb()` = release hook +
 * `tlb_remove_ptdesc()` (Qi Zheng, "x86: pgtable: convert to use tlb_remove_ptdesc()"),
 * PT_RECLAIM `def_bool y` where MMU_GATHER_RCU_TABLE_FREE && !HAVE_ARCH_TLB_REMOVE_TABLE.
 * The model's 2026 era also makes the batch-allocation fallback a real grace period.
 * x86_64, native IPI flushes.
 *
 * Mirrors linux-mm/linux-mm arch/x86/mm/pgtable.c @ 0b5da90e93a1 (`pte_alloc_one`,
 * `___pte_free_tlb`), include/asm-generic/tlb.h @ 0a1e70b48f45 (`tlb_remove_ptdesc`,
 * `__tlb_remove_table` = `pagetable_dtor_free`), include/asm-generic/pgalloc.h `pte_free`,
 * mm/pgtable-generic.c `pte_free_defer`.
 */
import {
  __pte_alloc_one, generic_pte_free_defer, GFP_PGTABLE_USER, page_ptdesc, paravirt_release_pte, tlb_remove_ptdesc,
  type Adapter, type MmuGather, type Page,
} from '../../src/kernel';
import { page_to_pfn, pte_free_v6_14 } from './pgalloc';

/** arch/x86/mm/pgtable.c `___pte_free_tlb(tlb, pte)` (2026). */
export function ___pte_free_tlb(tlb: MmuGather, pte: Page): void {
  paravirt_release_pte(page_to_pfn(pte));
  tlb_remove_ptdesc(tlb, page_ptdesc(pte));
}

const adapter: Adapter = {
  name: 'x86-2026',
  arch: 'x86',
  era: '2026',
  source: 'linux-mm arch/x86/mm/pgtable.c pte_alloc_one/___pte_free_tlb @ 0b5da90e93a1; include/asm-generic/tlb.h tlb_remove_ptdesc/__tlb_remove_table @ 0a1e70b48f45; include/asm-generic/pgalloc.h pte_free; mm/pgtable-generic.c pte_free_defer (2026)',
  description: 'tlb_remove_ptdesc at every level, RCU table free always, PT_RECLAIM on.',
  declarations: {
    // x86_64 defconfig: NR_CPUS=64 >= SPLIT_PTLOCK_CPUS, so split PTE ptlocks (see the x86 report on
    // unsplit ptlocks + PT_RECLAIM vs collapse_pte_mapped_thp).
    SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: true, ALLOC_SPLIT_PTLOCKS: 'both',
    MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, GUP_GET_PXX_LOW_HIGH: false,
    PT_RECLAIM: true, flushTransport: 'ipi', tablesPerPage: 1, pgtableIsPtePointer: false,
    ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
  },
  pte_alloc_one(mm) {
    return __pte_alloc_one(mm, GFP_PGTABLE_USER);
  },
  pte_free: pte_free_v6_14,
  pte_free_defer: generic_pte_free_defer,
  __pte_free_tlb(tlb, pte) {
    ___pte_free_tlb(tlb, pte as Page);
  },
};

export default adapter;
