/**
 * x86_64 Xen PV guest, 2026 (linux-mm): the kernel of ./2026.ts (x86-2026) booted under Xen
 * ({@link xenPvGuest}). `___pte_free_tlb()` is `paravirt_release_pte()` (here
 * `xen_release_pte()`: Xen unpins the table) + `tlb_remove_ptdesc()`; arch/x86/xen/mmu_pv.c
 * still has `xen_alloc_pte`, `xen_release_pte`, `xen_exit_mmap` and `xen_pte_lock()`'s
 * `spin_lock_nest_lock()` (linux-mm @ 0cd397cfba07).
 *
 * Mirrors linux-mm arch/x86/mm/pgtable.c `___pte_free_tlb` @ 0b5da90e93a1,
 * arch/x86/include/asm/pgalloc.h `pmd_populate`, arch/x86/xen/mmu_pv.c @ 0cd397cfba07.
 */
import base from './2026';
import { xenPvGuest } from './xen-pv';

export default xenPvGuest(base, 'x86_64-xen-pv-2026');
