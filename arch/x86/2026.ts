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
 *
 * Audit 2026-12 (docs/kernel-notes/audit-x86.md): matches linux-mm 2026. Flush side (linux-mm
 * arch/x86/mm/tlb.c @ 1f617847): native_flush_tlb_multi() IPIs lazy-TLB CPUs only when
 * `freed_tables` (or the mm is in a global-ASID transition); an mm with a global ASID is flushed
 * by INVLPGB broadcast with no IPI at all; tlb_table_flush_implies_ipi_broadcast() lets the
 * generic code skip the sync IPI when the flush already IPI'd every CPU.
 */
import { page_ptdesc, paravirt_release_pte, tlb_remove_ptdesc, type Adapter, type MmuGather, type Page } from '../../src/kernel';
import { pte_alloc_one } from '../generic/hooks';
import { X86_64_PT_RECLAIM_DECLARATIONS } from './declarations';
import { page_to_pfn, pte_free_v6_14, x86_pte_hooks } from './pgalloc';
import { x86FlushHooks } from './tlb';

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
  declarations: X86_64_PT_RECLAIM_DECLARATIONS,
  ...x86_pte_hooks(pte_free_v6_14, ___pte_free_tlb),
  /* arch/x86/mm/pgtable.c (2026): pte_alloc_one() → __pte_alloc_one(mm, GFP_PGTABLE_USER) */
  pte_alloc_one,
  /* arch/x86/include/asm/tlb.h tlb_flush(), arch/x86/include/asm/tlbflush.h flush_tlb_range() (./tlb.ts) */
  ...x86FlushHooks('2026', false),
};

export default adapter;
