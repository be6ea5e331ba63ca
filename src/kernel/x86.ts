/**
 * x86 paravirt primitives for the x86 adapters: the pv-ops release hooks that
 * `___pte_free_tlb()` / `___pmd_free_tlb()` call at unlink time (contracts.md C-ARCH-4).
 *
 * Mirrors arch/x86/include/asm/paravirt.h (`paravirt_release_pte`, `paravirt_release_pmd`,
 * `PVOP_VCALL1(mmu.release_pte, pfn)`) and, for !CONFIG_PARAVIRT, the empty inlines of
 * arch/x86/include/asm/pgalloc.h. On native and KVM guests the hook is `paravirt_nop`, which is
 * what this face is: it only records itself in the trace (the order "release, then
 * tlb_remove_*" is what C-ARCH-4 asks for). Xen PV unpins the page there: the Xen PV adapters
 * call their own `xen_release_pte()` instead (arch/x86/xen-pv.ts, src/kernel/xen.ts).
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
