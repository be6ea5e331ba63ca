/**
 * x86 paravirt primitives for the x86 adapters: the pv-ops release hooks that
 * `___pte_free_tlb()` / `___pmd_free_tlb()` call at unlink time (contracts.md C-ARCH-4).
 *
 * Mirrors arch/x86/include/asm/paravirt.h (`paravirt_release_pte`, `paravirt_release_pmd`,
 * `PVOP_VCALL1(mmu.release_pte, pfn)`) and, for !CONFIG_PARAVIRT, the empty inlines of
 * arch/x86/include/asm/pgalloc.h. On native and KVM guests the hook is `paravirt_nop`; Xen PV
 * unpins the page there. The model has no hypervisor, so the hook only records itself in the
 * trace (the order "release, then tlb_remove_*" is what C-ARCH-4 asks for).
 */
import { PAGE_SIZE } from '../model/types';
import { current } from '../model/world';

/** Which implementation of `pv_ops.mmu.release_pte` the caller's kernel has. */
export type PvReleaseFlavour = 'native-inline' | 'paravirt_nop';

/**
 * `paravirt_release_pte(pfn)`: `pv_ops.mmu.release_pte(pfn)` under CONFIG_PARAVIRT
 * (`paravirt_nop` unless Xen PV), an empty inline without it. Recorded.
 */
export function paravirt_release_pte(pfn: number, flavour: PvReleaseFlavour = 'paravirt_nop'): void {
  const w = current();
  const p = w.pageOfVa(pfn * PAGE_SIZE);
  const name = p ? w.pageName(p) : `pfn 0x${pfn.toString(16)}`;
  w.record(`paravirt_release_pte(${name})${flavour === 'native-inline' ? ' (empty inline, !CONFIG_PARAVIRT)' : ''}`, p ? [name] : []);
}
