/**
 * The kernel primitives an adapter may call, under their kernel names. This is the only module
 * an adapter (in this repo or out of tree, as `ptconform/kernel`) needs to import.
 */
export * from './page';
export * from './sync';
export * from './asm-generic';
export {
  tlb_remove_table, tlb_remove_page, tlb_remove_ptdesc, tlb_remove_page_ptdesc, __tlb_adjust_range,
  tlb_flush_pmd_range, put_page,
} from '../mm/mmu_gather';
export { tlb_remove_table_sync_one } from '../mm/tlbflush';
export { pgtableVa } from '../mm/memory';
export type { MmuGather } from '../model/gather';
export type { Mm } from '../model/mm';
export type { Page, RcuHead, SpinLock, PageList } from '../model/types';
export { PAGE_SIZE } from '../model/types';
export type { Adapter, Declarations, PgtableT, Era, KnownBad } from '../adapter/types';
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
export { pte_offset_map, pte_unmap, ptep_get } from './walk';
export { paravirt_release_pte, type PvReleaseFlavour } from './x86';
export type { MapHandle } from '../model/actor';
export type { MmVariant } from '../adapter/types';
export { riscv_use_sbi_for_rfence } from './riscv';
export { local_irq_save, local_irq_restore, type IrqFlags } from './irq';
export { write_table_word } from './raw';
export { mm_has_pgste, mm_alloc_pgste, gmap_unlink, mmgrab, mmdrop_async, mm_context_lock, mm_context_unlock } from './s390';
