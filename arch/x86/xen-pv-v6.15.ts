/**
 * x86_64 Xen PV guest, v6.15: the kernel of ./v6.15.ts (x86-v6.15) booted under Xen
 * ({@link xenPvGuest}). From v6.15 x86 selects MMU_GATHER_RCU_TABLE_FREE unconditionally and
 * `pv_ops.mmu.tlb_remove_table` is gone: `___pte_free_tlb()` is `paravirt_release_pte()` (here
 * `xen_release_pte()`: Xen unpins the table) + `tlb_remove_table()`. XEN_PV (depends on XEN &&
 * X86_64, selects PARAVIRT) is still a valid configuration; `xen_flush_tlb_multi()` is the flush
 * (Xen PV has no INVLPGB).
 *
 * Mirrors arch/x86/mm/pgtable.c `___pte_free_tlb` (torvalds/linux @ 0081fdeccbf6, v6.15),
 * arch/x86/include/asm/pgalloc.h `pmd_populate`, arch/x86/xen/mmu_pv.c (`xen_alloc_pte`,
 * `xen_release_pte`, `xen_exit_mmap`).
 */
import base from './v6.15';
import { xenPvGuest } from './xen-pv';

export default xenPvGuest(base, 'x86_64-xen-pv-v6.15');
