/**
 * riscv TLB flushing of user page tables, written after arch/riscv/include/asm/tlb.h `tlb_flush()`
 * and arch/riscv/mm/tlbflush.c `flush_tlb_mm()`, `flush_tlb_mm_range()`, `flush_tlb_range()`,
 * `flush_tlb_page()`, `__flush_tlb_range()` and `local_flush_tlb_range_threshold_asid()`
 * (v6.9 .. linux-mm 2026 shape; docs/kernel-notes/audit-riscv.md).
 *
 * - What `sfence.vma` drops: with an address (rs1 != x0) only the leaf entries of that address;
 *   without one (whole ASID) the non-leaf (walk cache) entries too ("If software modifies a
 *   non-leaf PTE, it should execute SFENCE.VMA with rs1=x0", privileged spec).
 * - `tlb_flush(tlb)`: from v6.8, `flush_tlb_mm()` when `fullmm`, `need_flush_all` or
 *   `freed_tables` (the last from 97cf301fa42e "riscv: Flush the tlb when a page directory is
 *   freed", Alexandre Ghiti, v6.8-rc4, fixing v6.8-rc1's range-based "riscv: Improve
 *   tlb_flush()", which left walk caches pointing to freed tables), else
 *   `flush_tlb_mm_range(mm, start, end, tlb_get_unmap_size(tlb))`. Before v6.8 it was always
 *   `flush_tlb_mm()`; every riscv adapter is v6.13 or later, so the v6.8 shape is the only one here.
 * - `__flush_tlb_range()`: more than `tlb_flush_all_threshold` (64) PTEs in the range → a
 *   whole-ASID flush (`local_flush_tlb_all_asid()`), else per-address leaf-only `sfence.vma`s.
 *   `flush_tlb_range()` has stride PAGE_SIZE, so the HPAGE_PMD_SIZE range of
 *   `pmdp_collapse_flush()` (512 PTEs) is always a whole-ASID flush; `flush_tlb_page()` is one
 *   leaf-only `sfence.vma`. Over SBI the range goes to firmware (OpenSBI flushes the whole ASID
 *   above its own, smaller range limit), which drops at least as much.
 * - Who it reaches: every CPU of `mm_cpumask(mm)`, by IPI (`on_each_cpu_mask(..., 1)`) or by an SBI
 *   remote fence (the declared `flushTransport`). With the ASID allocator `switch_mm()` leaves
 *   the CPU in `mm_cpumask(prev)` (Guo Ren, "riscv: asid: Fixup stale TLB entry cause application
 *   crash", v6.3), so lazy and former CPUs are reached: `mmCpumask: 'sticky'`, `includeLazy`.
 */
import { arch_invalidate, type AdapterHooks, type MmuGather, type Mm } from '../../src/kernel';

/** arch/riscv/mm/tlbflush.c `tlb_flush_all_threshold`. */
const tlb_flush_all_threshold = 64;
/** PTEs in an HPAGE_PMD_SIZE range (what the model's `huge` range stands for). */
const PTRS_PER_PTE = 512;

/** `__flush_tlb_range(mm, mm_cpumask(mm), start, size, PAGE_SIZE)` over `nr_ptes` PTEs. */
export function __flush_tlb_range(mm: Mm, start: number, end: number, nr_ptes: number): void {
  if (nr_ptes > tlb_flush_all_threshold) {
    flush_tlb_mm(mm);
    return;
  }
  /* local_flush_tlb_range_asid(): sfence.vma addr, asid per page: leaf entries only */
  arch_invalidate(start, end, { walkCache: false, includeLazy: true });
}

/** `flush_tlb_mm(mm)`: `sfence.vma x0, asid` on every CPU of mm_cpumask, walk cache included. */
export function flush_tlb_mm(mm: Mm): void {
  void mm;
  arch_invalidate(0, Number.MAX_SAFE_INTEGER, { walkCache: true, includeLazy: true });
}

/** The riscv flush hooks (v6.8 and later). */
export const riscvFlushHooks: Pick<AdapterHooks, 'tlb_flush' | 'flush_tlb_range'> = {
  /* arch/riscv/include/asm/tlb.h tlb_flush() */
  tlb_flush(tlb: MmuGather) {
    if (tlb.fullmm || tlb.freed_tables) {
      flush_tlb_mm(tlb.mm);
      return;
    }
    /* flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end, tlb_get_unmap_size(tlb)) */
    __flush_tlb_range(tlb.mm, tlb.start, tlb.end, tlb.end - tlb.start);
  },
  /* flush_tlb_range() for pmdp_collapse_flush()'s PMD range, flush_tlb_page() for one page */
  flush_tlb_range(mm: Mm, start: number, end: number, huge: boolean) {
    __flush_tlb_range(mm, start, end, huge ? PTRS_PER_PTE : end - start);
  },
};
