/**
 * mips `update_mmu_cache()` → `__update_tlb()`, written after arch/mips/mm/tlb-r4k.c
 * `__update_tlb` (v6.5+, with Hugh Dickins' "mips: update_mmu_cache() can replace
 * __update_tlb()" replacement that keeps `__update_tlb` and adds `pte_unmap(ptemap)`,
 * S2:4691-4752) and arch/mips/include/asm/pgtable.h `update_mmu_cache_range`.
 *
 * `update_mmu_cache()` runs between the fault's `pte_offset_map_lock()` and
 * `pte_unmap_unlock()`; `__update_tlb()` forgets the ptep and re-walks from the pgd with
 * `pte_offset_map()`, IRQs off, to load the even/odd PTE pair into EntryLo0/EntryLo1, and must
 * `pte_unmap()` what it mapped (C-ARCH-1, checked as C-MAP-2). It may assume a non-NULL result
 * ("and what should be done below if it were NULL?"), so it dereferences it unchecked: a NULL
 * there would be reported as C-MAP-9.
 *
 * What it writes into the TLB is modelled (src/kernel/mips.ts): EntryHi names the pair,
 * EntryLo0/EntryLo1 the even and odd PTEs, and `tlb_write_indexed()` (the entry `tlb_probe()`
 * found) or `tlb_write_random()` (none found) commits them; a half that translates its page
 * otherwise than its PTE does, or a second entry for the pair, is C-MIPS-1. The 64-bit form
 * (`pte_to_entrylo(pte_val(*ptep))`) stands for mips32 XPA's two-part writes too
 * (`pte_high`, then `writex_c0_entrylo*(pte_low & _PFNX_MASK)`). The kernel's `PTRS_PER_PTE` is
 * even, so its pair never runs past the table; the model's drawn tables may have an odd number
 * of PTEs, hence the `even + 1 < PTRS_PER_PTE()` test, which the kernel does not need.
 */
import {
  local_irq_restore, local_irq_save, pte_offset_map, pte_to_entrylo, pte_unmap, ptep_get, PTRS_PER_PTE, tlb_probe,
  tlb_write_indexed, tlb_write_random, write_c0_entryhi, write_c0_entrylo0, write_c0_entrylo1, type Mm,
} from '../../src/kernel';

/** arch/mips/mm/tlb-r4k.c `__update_tlb(vma, address, pte)`, for the PTE at (slot, index). */
export function __update_tlb(mm: Mm, slot: number, index: number): void {
  /* if (current->active_mm != vma->vm_mm) return;  -- the faulting task runs on its own mm here */
  const flags = local_irq_save();
  /* htw_stop(); address &= (PAGE_MASK << 1): the even page of the even/odd pair */
  const even = index - (index % 2);
  write_c0_entryhi(mm, slot, even); /* write_c0_entryhi(address | pid) (with MMIDs: address alone) */
  /* pgdp = pgd_offset(); mtc0_tlbw_hazard(); tlb_probe(); tlb_probe_hazard(); p4dp/pudp/pmdp = ..._offset(); idx = read_c0_index() */
  const idx = tlb_probe();
  /* !pmd_leaf(*pmdp) (update_mmu_cache of a PTE fault: the pmd holds a table) */
  const ptemap = pte_offset_map(mm, slot);
  /* "we can assume that ptep is not NULL here" */
  write_c0_entrylo0(pte_to_entrylo(ptep_get(ptemap, even))); /* write_c0_entrylo0(pte_to_entrylo(pte_val(*ptep++))) */
  if (even + 1 < PTRS_PER_PTE()) write_c0_entrylo1(pte_to_entrylo(ptep_get(ptemap, even + 1))); /* write_c0_entrylo1(pte_to_entrylo(pte_val(*ptep))) */
  /* mtc0_tlbw_hazard() */
  if (idx < 0) tlb_write_random();
  else tlb_write_indexed();
  /* tlbw_use_hazard(); htw_start(); flush_micro_tlb_vm(vma) */
  if (ptemap) pte_unmap(ptemap);
  local_irq_restore(flags);
}

/** arch/mips/include/asm/pgtable.h `update_mmu_cache()` (`update_mmu_cache_range(..., 1)`): `__update_tlb(vma, address, *ptep)`. */
export function update_mmu_cache(mm: Mm, slot: number, index: number): void {
  __update_tlb(mm, slot, index);
}
