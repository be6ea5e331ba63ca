/**
 * LoongArch TLB flushing of user page tables, written after arch/loongarch/include/asm/tlb.h
 * `tlb_flush()` (fullmm → `flush_tlb_mm()`, otherwise `flush_tlb_range()` on a stack vma over
 * `[tlb->start, tlb->end)`; `freed_tables` is not looked at: the asm-generic shape,
 * ../generic/tlb.ts) and arch/loongarch/kernel/smp.c `flush_tlb_mm()`, `flush_tlb_range()`,
 * `flush_tlb_page()` (the same from v6.6 to 2026, docs/kernel-notes/audit-loongarch.md).
 *
 * - When the mm has another user or is not current: `on_each_cpu_mask(mm_cpumask(mm), ..., 1)`,
 *   an IPI to every CPU of the mask that waits for each, whose handler runs
 *   `local_flush_tlb_mm/range/page()` (INVTLB by ASID and address, or a new ASID for a large
 *   range). `switch_mm_irqs_off()` only sets the CPU's bit and `enter_lazy_tlb()` is empty, so
 *   lazy CPUs stay in the mask and are interrupted: `mmCpumask: 'sticky'`, `includeLazy`.
 * - Leaf vs walk cache: the TLB is refilled in software (`lddir`/`ldpte`), which caches leaf
 *   translations only, so a flush of an address leaves nothing of it cached: `walkCache: true`.
 *   Whether CPUs with the hardware page-table walker (PTW) cache directory entries, and what
 *   INVTLB drops of them, is not established from the stored sources (a model limit).
 * - Model limit: the single-user shortcut (`mm_users == 1 && current->mm == mm`: no IPI,
 *   `cpu_context(cpu, mm) = 0` on every other online CPU, a local flush only) has no
 *   `arch_invalidate()` form; the model always takes the IPI branch. `flush_tlb_mm()` returning at
 *   once for `mm_users == 0` (exit_mmap) is not modelled either.
 */
import { asmGenericFlushHooks } from '../generic/tlb';

/** The LoongArch flush hooks. */
export const loongarchFlushHooks = asmGenericFlushHooks({ walkCache: true, includeLazy: true });
