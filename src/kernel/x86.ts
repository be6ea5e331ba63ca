/**
 * x86 paravirt primitives for the x86 adapters: the pv-ops release hooks that
 * `___pte_free_tlb()` / `___pmd_free_tlb()` call at unlink time (contracts.md C-ARCH-4).
 *
 * Mirrors arch/x86/include/asm/paravirt.h (`paravirt_release_pte`, `paravirt_release_pmd`,
 * `PVOP_VCALL1(mmu.release_pte, pfn)`) and, for !CONFIG_PARAVIRT, the empty inlines of
 * arch/x86/include/asm/pgalloc.h. On native and KVM guests the hook is `paravirt_nop`, which is
 * what this face is: it records itself in the trace (the order "release, then
 * tlb_remove_*" is what C-ARCH-4 asks for) and, under CONFIG_PARAVIRT, runs the adapter's
 * `pv_ops.mmu.release_pte` if it has one: Xen PV unpins the page there (`xen_release_pte()`,
 * arch/x86/xen-pv.ts, src/kernel/xen.ts), with the same `___pte_free_tlb()` as native.
 */
import type { Step } from '../model/actor';
import { callHook } from '../model/coroutine';
import { PAGE_SIZE } from '../model/types';
import { current } from '../model/world';

/** Which implementation of `pv_ops.mmu.release_pte` the caller's kernel has. */
export type PvReleaseFlavour = 'native-inline' | 'paravirt_nop';

/**
 * `paravirt_release_pte(pfn)`: `PVOP_VCALL1(mmu.release_pte, pfn)` under CONFIG_PARAVIRT, i.e.
 * the adapter's `paravirt_release_pte` hook (Xen PV's `xen_release_pte`), `paravirt_nop` when it
 * has none; an empty inline without CONFIG_PARAVIRT (`native-inline`). Recorded.
 */
export function paravirt_release_pte(pfn: number, flavour: PvReleaseFlavour = 'paravirt_nop'): void | Step {
  const w = current();
  const p = w.pageOfVa(pfn * PAGE_SIZE);
  const name = p ? w.pageName(p) : `pfn 0x${pfn.toString(16)}`;
  w.record(`paravirt_release_pte(${name})${flavour === 'native-inline' ? ' (empty inline, !CONFIG_PARAVIRT)' : ''}`, p ? [name] : []);
  const op = w.adapter.paravirt_release_pte;
  if (flavour === 'paravirt_nop' && op) return callHook(op.call(w.adapter, pfn));
}
