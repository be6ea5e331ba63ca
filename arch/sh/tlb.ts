/**
 * sh TLB flushing of user page tables, written after arch/sh/kernel/smp.c `flush_tlb_mm()`,
 * `flush_tlb_range()`, `flush_tlb_page()` (v6.14 .. 2026, docs/kernel-notes/audit-sh.md) under
 * the asm-generic `tlb_flush()` (../generic/tlb.ts).
 *
 * - When the mm has another user or is not current: `smp_call_function(flush_tlb_*_ipi, ..., 1)`,
 *   an IPI to every other online CPU that waits for each (and so for gup_fast's IRQs-off
 *   section), then `local_flush_tlb_mm/range/page()`. The model sends it to the CPUs of
 *   mm_cpumask (`mmCpumask: 'sticky'`; a CPU that never ran the mm caches nothing of it);
 *   lazy-TLB CPUs are interrupted like the others: `includeLazy`.
 * - Leaf vs walk cache: the UTLB/ITLB are refilled by software from the page tables and hold
 *   leaf translations only, so a flush of an address leaves nothing of it cached:
 *   `walkCache: true`.
 * - Model limit: the single-user shortcut (`cpu_context(i, mm) = 0` on every other CPU, so that
 *   it takes a new ASID when it next runs the mm, and a local flush only, no IPI) has no
 *   `arch_invalidate()` form; the model always takes the IPI branch.
 */
import { asmGenericFlushHooks } from '../generic/tlb';

/** The sh flush hooks. */
export const shFlushHooks = asmGenericFlushHooks({ walkCache: true, includeLazy: true });
