/**
 * Known-bad (B2): arm classic MMU with Qi Zheng's "move pagetable_dtor() to
 * __tlb_remove_table()" v4 (Dec 2024, on v6.13-rc). v4 removed `pagetable_dtor()` from arm's
 * `__pte_free_tlb()` because `__tlb_remove_table()` now owns it, but without
 * MMU_GATHER_TABLE_FREE (every arm config but SMP && ARM_LPAE) `tlb_remove_table()` is
 * `tlb_remove_page()` and `__tlb_remove_table()` never runs: the PTE page reaches the allocator
 * with its ctor unmatched (ptlock and NR_PAGETABLE leak). Kevin Brodsky caught it in review
 * (S0:272-299); Qi's v5 08/17 put `pagetable_dtor()` back under `#ifndef
 * CONFIG_MMU_GATHER_TABLE_FREE` (S0:446-484), and v5 15/17 then moved it into the generic
 * `!MMU_GATHER_TABLE_FREE` `tlb_remove_table()` (v6.14, see arm-classic-v6.14).
 *
 * Mirrors arch/arm/include/asm/tlb.h `__pte_free_tlb` as patched by v4 of the series, on the
 * v6.13 generic code (`tlb_remove_table` = `tlb_remove_page`, no dtor). Expected: C-DT-1.
 */
import { generic_pte_free, tlb_remove_ptdesc, page_ptdesc, type Page } from '../../src/kernel';
import { arm_classic_widen_range, arm_pte_alloc_one, type ArmAdapter } from './common';
import classic from './classic-v6.5';

const adapter: ArmAdapter = {
  name: 'arm-classic-qi-v4',
  arch: 'arm',
  era: 'v6.13',
  armLpae: false,
  source: 'arch/arm/include/asm/tlb.h __pte_free_tlb after "arm: pgtable: move pagetable_dtor() to __tlb_remove_table()" v4 (Qi Zheng, Dec 2024; S0:446-484), on v6.13 include/asm-generic/tlb.h (tlb_remove_table = tlb_remove_page)',
  description: 'Qi Zheng v4 state: no dtor on the !MMU_GATHER_TABLE_FREE path (the table goes through the page batch, __tlb_remove_table never runs).',
  knownBad: {
    kind: 'historical',
    contracts: ['C-DT-1'],
    fix: 'arm: pgtable: move pagetable_dtor() to __tlb_remove_table() v5 (Qi Zheng, Jan 2025; S0:446-484): pagetable_dtor() under #ifndef CONFIG_MMU_GATHER_TABLE_FREE, later in the generic !MMU_GATHER_TABLE_FREE tlb_remove_table() (v5 15/17, v6.14)',
  },
  declarations: { ...classic.declarations },

  pte_alloc_one(mm) {
    return arm_pte_alloc_one(mm, true);
  },
  pte_free: generic_pte_free,

  /* arch/arm/include/asm/tlb.h with v4 applied: the dtor is gone */
  __pte_free_tlb(tlb, pte, addr) {
    const ptdesc = page_ptdesc(pte as Page);
    /* #ifndef CONFIG_ARM_LPAE */
    arm_classic_widen_range(tlb, addr);
    tlb_remove_ptdesc(tlb, ptdesc);
  },
};

export default adapter;
