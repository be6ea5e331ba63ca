/**
 * mips R4k TLB (C-MIPS-1, ptconform's own; arch/mips/mm/tlb-r4k.c `__update_tlb()`): after a
 * fault, `update_mmu_cache()` loads the TLB itself, without waiting for the refill handler. One
 * TLB entry maps an even/odd pair of pages, so `__update_tlb()` aligns the address down to the
 * pair (`address &= (PAGE_MASK << 1)`), writes EntryHi, probes, re-walks to the even PTE and
 * writes EntryLo0 from it and EntryLo1 from the next one, then `tlb_write_indexed()` over the
 * probed entry or `tlb_write_random()` when none matched. Each valid half must translate its page
 * as that page's PTE does at the write: a half loaded from the wrong PTE, from a register nobody
 * wrote, or out of step with the pair gives the CPU a translation the page table does not have
 * (a freed page, another page, a write permission), and a random write over an entry the TLB
 * already holds leaves two matching entries (a machine check).
 *
 * The model of the registers and the write is src/kernel/mips.ts; the judgement is made there,
 * when the entry is written. It applies to every mips adapter (an adapter whose
 * `update_mmu_cache()` writes no TLB entry passes by construction).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'mips',
  title: 'mips __update_tlb(): the TLB pair it writes translates each page as its PTE does',
  contracts: ['C-MIPS-1'],
  appliesTo: (a) => a.arch === 'mips',
};

export default property;
