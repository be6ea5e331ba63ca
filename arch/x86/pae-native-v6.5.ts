/**
 * x86-32 PAE + HIGHPTE, native (!CONFIG_PARAVIRT), v6.6 (model era 'v6.6'). PAE selects
 * GUP_GET_PXX_LOW_HIGH: a pmd is 64 bits read as `pmd_low` then `pmd_high` (then `pmd_low`
 * again), so `__pte_offset_map()` reads it with IRQs off (`pmdp_get_lockless_start/end`,
 * C-MAP-15) and retract/collapse call `pmdp_get_lockless_sync()` after `pmdp_collapse_flush()`
 * (C-PAE-1). There is no RCU table free on a native 32-bit kernel, so that sync is the empty
 * stub of `tlb_remove_table_sync_one()`: correctness rests on `pmdp_collapse_flush()`'s own
 * TLB-flush IPI reaching every CPU that may be inside an IRQs-off half read (contracts.md
 * B36/Q11). That IPI goes to mm_cpumask() minus lazy-TLB CPUs (flush_tlb_range() passed
 * freed_tables = false before 3ef938c35035, v6.15), so a walker of a foreign mm (a remote
 * walker, an rmap walk) is not waited for: the check reports it as the generic-mm finding F2
 * (src/findings/registry.ts), apart from this adapter's verdict. HIGHPTE: PTE
 * tables come from highmem and `pte_offset_map()` kmaps them (`kmap_local_page`).
 *
 * Freeing is the native v6.6 one (x86-native-v6.6): dtor at unlink, page batch after the IPI
 * flush. Mirrors arch/x86/mm/pgtable.c `pte_alloc_one` with `__userpte_alloc_gfp` =
 * GFP_PGTABLE_USER | __GFP_HIGHMEM (CONFIG_HIGHPTE), `___pte_free_tlb` and the !PARAVIRT
 * `paravirt_tlb_remove_table` stub (v6.6); arch/x86/Kconfig `select GUP_GET_PXX_LOW_HIGH if
 * X86_PAE`; include/linux/pgtable.h `pmdp_get_lockless` (LOW_HIGH) and
 * `pmdp_get_lockless_sync` (v6.6: Hugh Dickins 146b42e07494; named -v6.6 by the 2026-12 audit,
 * docs/kernel-notes/audit-x86.md).
 */
import type { Adapter } from '../../src/kernel';
import native from './native-v6.5';
import { pte_alloc_one } from './pgalloc';

const adapter: Adapter = {
  ...native,
  name: 'x86-pae-native-v6.6',
  source: 'arch/x86/mm/pgtable.c pte_alloc_one (__userpte_alloc_gfp with __GFP_HIGHMEM)/___pte_free_tlb/paravirt_tlb_remove_table (!CONFIG_PARAVIRT stub); arch/x86/Kconfig GUP_GET_PXX_LOW_HIGH if X86_PAE; include/linux/pgtable.h pmdp_get_lockless/pmdp_get_lockless_sync (v6.6)',
  description: 'x86-32 PAE with HIGHPTE on bare metal: two-half pmd reads with IRQs off; no RCU table free, so pmdp_get_lockless_sync() is a no-op and the collapse flush IPI is what waits for lockless half readers.',
  declarations: {
    ...native.declarations,
    HIGHPTE: true, GUP_GET_PXX_LOW_HIGH: true,
  },
  pte_alloc_one(mm) {
    return pte_alloc_one(mm, true);
  },
};

export default adapter;
