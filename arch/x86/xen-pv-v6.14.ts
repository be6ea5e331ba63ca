/**
 * x86_64 Xen PV guest, v6.14: the PARAVIRT kernel of ./pv-v6.14.ts (x86_64-pv-v6.14) booted
 * under Xen ({@link xenPvGuest}). `___pte_free_tlb()` is `paravirt_release_pte()` (here
 * `xen_release_pte()`: Xen unpins the table) + `paravirt_tlb_remove_table()` (Xen's
 * `pv_ops.mmu.tlb_remove_table` = `tlb_remove_table`), and the generic `__tlb_remove_table()`
 * runs the dtor after the grace period. PT_RECLAIM (x86_64, default y): MADV_DONTNEED frees
 * empty tables, which Xen unpins at `___pte_free_tlb()` like `free_pgtables()` does.
 *
 * Mirrors arch/x86/mm/pgtable.c `___pte_free_tlb` (v6.14), arch/x86/include/asm/pgalloc.h
 * `pmd_populate`, arch/x86/xen/mmu_pv.c (`xen_alloc_pte`, `xen_release_pte`, `xen_exit_mmap`),
 * include/asm-generic/pgalloc.h `pte_free` (v6.14).
 */
import base from './pv-v6.14';
import { xenPvGuest } from './xen-pv';

export default xenPvGuest(base, 'x86_64-xen-pv-v6.14');
