/**
 * s390 2K page-table fragments, v6.6 (the era from Hugh Dickins' v3 "s390: add pte_free_defer()
 * for pgtables sharing page" until the switch to whole 4K tables, about v6.10): two 2K PTE
 * tables per 4K page, tracked by the upper byte of `_refcount` (AA = 0x01/0x02 allocated, PP =
 * 0x10/0x20 pending removal), `mm->context.pgtable_list` of pages with a free half under
 * `mm->context.lock`, PageActive for pages that saw pte_free_defer().
 *
 * Mirrors arch/s390/mm/pgalloc.c `page_table_alloc`, `page_table_release_check`,
 * `pte_free_now`, `page_table_free`, `page_table_free_rcu`, `__tlb_remove_table`,
 * `pte_free_defer` and arch/s390/include/asm/tlb.h `pte_free_tlb` of Linux v6.6 (read from
 * deepin-community/kernel @093dcf4a, Makefile 6.6.7; same logic in raspberrypi/linux @87c0bbc4).
 * Written anew in TypeScript with the kernel's names and control flow.
 *
 * Tagged pointers: the half (1 = lower, 2 = upper, 3 = PGSTE 4K table) is carried in the low
 * two bits of the address given to tlb_remove_table(). Addresses exceed 2^32, so the tag is
 * added and removed arithmetically, never with JavaScript's 32-bit `|` / `^`. The `_refcount`
 * bit operations are on values below 2^32 and use `>>> 0` (atomic_xor_bits does).
 */
import {
  __tlb_adjust_range, atomic_read, atomic_xor_bits, call_rcu, GFP_KERNEL, gmap_unlink, list_add, list_add_tail,
  list_del_init, list_empty_node, list_first_entry_or_null, mm_alloc_pgste, mm_context_lock, mm_context_unlock,
  mm_has_pgste, PAGE_SIZE, pagetable_alloc, pagetable_dtor, pagetable_free, pagetable_pte_ctor, PageActive,
  PTE_FRAG_SIZE, ptdesc_address, rcu_head_page, SetPageActive, TestClearPageActive, tlb_remove_table, virt_to_ptdesc,
  WARN_ON_ONCE, __model_world, type Mm, type MmuGather, type Page, type RcuHead,
} from '../../src/kernel';

/** `atomic_read(&ptdesc->_refcount) >> 24`: the AA/PP byte. */
export function frag_mask(ptdesc: Page): number {
  return (atomic_read(ptdesc._refcount) >>> 24) & 0xff;
}

/** Half index of a 2K table: (offset in page) / (PTRS_PER_PTE * sizeof(pte_t)). */
export function half_bit(table: number): number {
  return Math.floor((table % PAGE_SIZE) / PTE_FRAG_SIZE());
}

/**
 * `page_table_alloc(mm)`: the first page of pgtable_list if one of its halves is neither
 * allocated nor pending (mask = (AA | PP >> 4) & 3); else a fresh page, ctor'd, lower half
 * returned and the page listed (its upper half is free). PGSTE mms get whole 4K tables (AA = 3).
 */
export function page_table_alloc(mm: Mm): number | null {
  if (!mm_alloc_pgste(mm)) {
    let table = 0;
    mm_context_lock(mm);
    const ptdesc = list_first_entry_or_null(mm.context.pgtable_list);
    if (ptdesc) {
      let mask = atomic_read(ptdesc._refcount) >>> 24;
      // The pending removal bits must also be checked (else 0x13 / 0x23: AA and PP together).
      mask = (mask | (mask >>> 4)) & 0x03;
      if (mask !== 0x03) {
        table = ptdesc_address(ptdesc);
        const bit = mask & 1; // 1 -> the lower half is busy: take the upper one
        if (bit) table += PTE_FRAG_SIZE();
        atomic_xor_bits(ptdesc._refcount, 0x01 << (bit + 24));
        list_del_init(ptdesc, mm.context.pgtable_list);
      }
    }
    mm_context_unlock(mm);
    if (table) return table;
  }
  return page_table_alloc_fresh(mm);
}

/** The second half of `page_table_alloc(mm)`: allocate a fresh page. */
export function page_table_alloc_fresh(mm: Mm): number | null {
  const ptdesc = pagetable_alloc(GFP_KERNEL, 0);
  if (!pagetable_pte_ctor(ptdesc)) {
    pagetable_free(ptdesc);
    return null;
  }
  const table = ptdesc_address(ptdesc);
  if (mm_alloc_pgste(mm)) {
    // 4K page table with PGSTEs: both AA bits, never listed (INIT_LIST_HEAD).
    atomic_xor_bits(ptdesc._refcount, 0x03 << 24);
  } else {
    // The lower 2K half; the upper half goes on the list.
    atomic_xor_bits(ptdesc._refcount, 0x01 << 24);
    mm_context_lock(mm);
    list_add(ptdesc, mm.context.pgtable_list);
    mm_context_unlock(mm);
  }
  return table;
}

/** `page_table_release_check(page, table, half, mask)` (CONFIG_DEBUG_VM): dump_page unless mask == 0 and off-list. */
export function page_table_release_check(ptdesc: Page, table: number, half: number, mask: number): void {
  if (!mask && list_empty_node(ptdesc)) return;
  WARN_ON_ONCE(true, `Invalid pgtable 0x${table.toString(16)} release half 0x${half.toString(16).padStart(2, '0')} mask 0x${mask.toString(16).padStart(2, '0')}`);
}

/** `pte_free_now(head)`: the only dtor site of PTE pages in this era: dtor + free. */
export function pte_free_now(head: RcuHead): void {
  const ptdesc = rcu_head_page(head);
  pagetable_dtor(ptdesc);
  pagetable_free(ptdesc);
}

/** The common end of page_table_free and __tlb_remove_table: call_rcu if Active, else free now. */
export function page_table_release(ptdesc: Page, table: number, half: number, mask: number): void {
  page_table_release_check(ptdesc, table, half, mask);
  if (TestClearPageActive(ptdesc)) call_rcu(ptdesc.rcu_head, pte_free_now);
  else pte_free_now(ptdesc.rcu_head);
}

/**
 * `page_table_free(mm, table)`: immediate free (pte_free, pte_free_kernel, pte_free_defer).
 * Two steps: under the lock AA -> PP (and relist unless Active), after it PP -> 0; release when
 * the byte is 0.
 */
export function page_table_free(mm: Mm, table: number): void {
  const ptdesc = virt_to_ptdesc(table);
  let mask: number;
  let half: number;
  if (!mm_alloc_pgste(mm)) {
    const bit = half_bit(table);
    mm_context_lock(mm);
    mask = atomic_xor_bits(ptdesc._refcount, 0x11 << (bit + 24)) >>> 24;
    if ((mask & 0x03) && !PageActive(ptdesc)) {
      // Other half allocated, no deferral on either: this half is reusable at once.
      list_add(ptdesc, mm.context.pgtable_list);
    } else {
      list_del_init(ptdesc, mm.context.pgtable_list);
    }
    mm_context_unlock(mm);
    mask = atomic_xor_bits(ptdesc._refcount, 0x10 << (bit + 24)) >>> 24;
    if (mask !== 0x00) return;
    half = 0x01 << bit;
  } else {
    half = 0x03;
    mask = atomic_xor_bits(ptdesc._refcount, 0x03 << 24) >>> 24;
  }
  page_table_release(ptdesc, table, half, mask);
}

/**
 * `page_table_free_rcu(tlb, table, vmaddr)`: AA -> PP under the lock (relisted at the tail, so
 * reused only after __tlb_remove_table cleared PP), then the half-tagged table to tlb_remove_table.
 */
export function page_table_free_rcu(tlb: MmuGather, table: number, vmaddr: number): void {
  const mm = tlb.mm;
  const ptdesc = virt_to_ptdesc(table);
  if (mm_alloc_pgste(mm)) {
    gmap_unlink(mm, table, vmaddr);
    tlb_remove_table(tlb, table + 0x03);
    return;
  }
  const bit = half_bit(table);
  mm_context_lock(mm);
  const mask = atomic_xor_bits(ptdesc._refcount, 0x11 << (bit + 24)) >>> 24;
  if ((mask & 0x03) && !PageActive(ptdesc)) {
    list_add_tail(ptdesc, mm.context.pgtable_list);
  } else {
    list_del_init(ptdesc, mm.context.pgtable_list);
  }
  mm_context_unlock(mm);
  tlb_remove_table(tlb, table + (0x01 << bit));
}

/** Split a tagged table pointer into (table, half) without 32-bit bit operations. */
export function untag(_table: number): { table: number; half: number } {
  const half = _table % 4;
  return { table: _table - half, half };
}

/**
 * `__tlb_remove_table(_table)`: after the grace period. Half 0 is a CRST (pmd/pud/p4d) table
 * (not produced by the model); 1/2 clear that half's PP and release if the byte is 0; 3 is a
 * PGSTE table.
 */
export function __tlb_remove_table(_table: number): void {
  const { table, half } = untag(_table);
  const ptdesc = virt_to_ptdesc(table);
  let mask: number;
  switch (half) {
    case 0x00: // pmd, pud, or p4d
      pagetable_free(ptdesc);
      return;
    case 0x01: // lower 2K of a 4K page table
    case 0x02: // higher 2K of a 4K page table
      mask = atomic_xor_bits(ptdesc._refcount, half << (4 + 24)) >>> 24;
      if (mask !== 0x00) return;
      break;
    default: // 4K page table with pgstes
      mask = atomic_xor_bits(ptdesc._refcount, 0x03 << 24) >>> 24;
      break;
  }
  page_table_release(ptdesc, table, half, mask);
}

/**
 * `pte_free_defer(mm, pgtable)` (CONFIG_TRANSPARENT_HUGEPAGE): mark the page Active (never
 * listed again, neither half reused, RCU delayed until both halves are free), free the half
 * now, and warn if this is a PGSTE mm (page_table_free does not gmap_unlink).
 */
export function pte_free_defer(mm: Mm, pgtable: number): void {
  const page = virt_to_ptdesc(pgtable);
  SetPageActive(page);
  page_table_free(mm, pgtable);
  WARN_ON_ONCE(mm_has_pgste(mm), 'pte_free_defer() on a PGSTE mm: page_table_free() does not gmap_unlink()');
}

/**
 * asm/tlb.h `pte_free_tlb(tlb, pte, address)`: adjust the range, flush_mm, freed_tables,
 * cleared_pmds, then page_table_free_rcu().
 */
export function pte_free_tlb(tlb: MmuGather, pte: number, address: number): void {
  __tlb_adjust_range(tlb, address, PAGE_SIZE);
  tlb.mm.context.flush_mm = true;
  __model_world().record('tlb->mm->context.flush_mm = 1');
  tlb.freed_tables = true;
  page_table_free_rcu(tlb, pte, address);
}
