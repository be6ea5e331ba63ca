/**
 * x86_64 Xen PV guest, v6.6 (v4.19 .. v6.13 shape): the PARAVIRT kernel of ./pv-v6.5.ts
 * (x86-pv-v6.6) booted under Xen ({@link xenPvGuest}). PARAVIRT selects MMU_GATHER_RCU_TABLE_FREE
 * and Xen sets `pv_ops.mmu.tlb_remove_table = tlb_remove_table`, so the same `___pte_free_tlb()`
 * runs the dtor, `paravirt_release_pte()` (here `xen_release_pte()`: Xen unpins the table,
 * ./xen-pv.ts) and sends the table to the RCU table batch; the TLB flush is the
 * `xen_flush_tlb_multi()` hypercall (no IPI to preempted vCPUs). `pmd_populate()` pins every new
 * table of the pinned mm (`xen_alloc_pte`), and `arch_exit_mmap()` is `xen_exit_mmap()`, which
 * unpins the tree before `free_pgtables()`. Split PTE ptlocks are drawn per run
 * (`USE_SPLIT_PTE_PTLOCKS` decides whether `xen_alloc_ptpage()` pins the L1 table on its own).
 *
 * Mirrors arch/x86/mm/pgtable.c `pte_alloc_one`, `___pte_free_tlb` (v4.19 .. v6.13),
 * arch/x86/include/asm/pgalloc.h `pmd_populate` (`paravirt_alloc_pte`),
 * arch/x86/xen/mmu_pv.c (`xen_alloc_pte`, `xen_release_pte`, `xen_exit_mmap`, `xen_mmu_ops`),
 * arch/x86/include/asm/tlb.h `__tlb_remove_table` (v4.19 .. v6.13).
 */
import base from './pv-v6.5';
import { xenPvGuest } from './xen-pv';

export default xenPvGuest(base, 'x86_64-xen-pv-v6.6');
