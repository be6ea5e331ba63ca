/**
 * mips TLB flushing of user page tables, written after arch/mips/kernel/smp.c `flush_tlb_mm()`,
 * `flush_tlb_range()`, `flush_tlb_page()` (SMP; unchanged from v6.5 to linux-mm 2026,
 * docs/kernel-notes/audit-mips.md) under the asm-generic `tlb_flush()` (../generic/tlb.ts).
 *
 * - Without MMIDs: when the mm has another user or is not current, `smp_on_other_tlbs()`
 *   (`smp_call_function(..., 1)`: an IPI to every other online CPU, waiting for it) runs
 *   `local_flush_tlb_mm/range/page()` there, then the local flush. The model sends it to the
 *   CPUs of mm_cpumask (`flushTransport: 'ipi'`, `mmCpumask: 'sticky'`): a CPU that never ran the
 *   mm has nothing of it cached and no gup_fast on it, so only the extra wait is left out.
 *   Lazy-TLB CPUs are interrupted like the others: `includeLazy`.
 * - With MMIDs (`cpu_has_mmid`): `flush_tlb_range()` / `flush_tlb_page()` loop
 *   `ginvt_va_mmid(addr); sync_ginv();` and `flush_tlb_mm()` relies on the globalized `ginvt` of
 *   `drop_mmu_context()`: hardware invalidation on every CPU, no IPI (`flushTransport:
 *   'broadcast'`, mips64-mmid-v6.15).
 * - Leaf vs walk cache: the R4K-style TLB is refilled by the refill handler (or the HTW), which
 *   caches leaf translations only, so flushing an address leaves nothing of it cached:
 *   `walkCache: true` for every flush.
 * - Model limit: the single-user shortcut (`mm_users == 1 && current->mm == mm`: no IPI, the
 *   other CPUs' ASIDs for the mm are zeroed with `set_cpu_context()` so they take a new one on
 *   their next switch to it, then a local flush) has no `arch_invalidate()` form (no local-only
 *   flush, no ASID drop on switch-back); the model always takes the IPI branch.
 */
import { asmGenericFlushHooks } from '../generic/tlb';

/** The mips flush hooks (IPI or MMID ginvt: the transport is the adapter's declaration). */
export const mipsFlushHooks = asmGenericFlushHooks({ walkCache: true, includeLazy: true });
