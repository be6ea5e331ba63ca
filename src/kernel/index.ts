/**
 * The kernel primitives an adapter may call, under their kernel names. This is the only module
 * an adapter (in this repo or out of tree, as `ptconform/kernel`) needs to import.
 *
 * The primitives that touch shared state are their adapter faces (`./faces.ts`): preemption
 * points, run as steps by adapter code the coroutine transform made interleavable. The faces
 * are the only versions of those names exported here; the plain modules give the rest.
 */
export * from './faces';
export {
  type Ptdesc, type Gfp, GFP_PGTABLE_USER, GFP_KERNEL, GFP_NOWAIT, page_address, virt_to_page, virt_to_ptdesc,
  ptdesc_address, page_ptdesc, ptdesc_page, pfn_to_page,
} from './page';
export { rcu_head_page, WARN_ON_ONCE, BUG_ON } from './sync';
export { pgtable_cache, type KmemCache } from './slab';
export { pmd_none } from './pmdwalk';
export * from './asm-generic';
export { __tlb_adjust_range, tlb_flush_pmd_range } from '../mm/mmu_gather';
export { pgtableVa } from '../mm/memory';
export type { MmuGather } from '../model/gather';
export type { Mm } from '../model/mm';
export type { Page, RcuHead, SpinLock, PageList } from '../model/types';
export { PAGE_SIZE } from '../model/types';
export type { Adapter, AdapterHooks, Declarations, PgtableT, Era, KnownBad } from '../adapter/types';
export { eraAtLeast } from '../adapter/types';
export { current as __model_world } from '../model/world';

import { current } from '../model/world';

/** `PTRS_PER_PTE` of the running model (small, so that tables fill up). */
export function PTRS_PER_PTE(): number {
  return current().cfg.geometry.ptesPerTable;
}

/** `PTE_FRAG_NR`: PTE tables per page as the adapter declared. */
export function PTE_FRAG_NR(): number {
  return current().decl.tablesPerPage;
}

/** `PTE_FRAG_SIZE`: bytes per PTE table fragment. */
export function PTE_FRAG_SIZE(): number {
  return current().tableBytes;
}
export { type PvReleaseFlavour } from './x86';
export type { MapHandle } from '../model/actor';
export type { MmVariant } from '../adapter/types';
export { riscv_use_sbi_for_rfence } from './riscv';
export { type IrqFlags } from './irq';
export { mm_has_pgste, mm_alloc_pgste } from './s390';
export { xen_pmd_walk_pages, type XenPgprot, type MmuextCmd } from './xen';
export { pte_to_entrylo, write_c0_entryhi, write_c0_entrylo0, write_c0_entrylo1, tlb_probe, tlb_write_indexed, tlb_write_random, type EntryLo } from './mips';
export { PageHighMem, clean_pte_table } from './arm';
