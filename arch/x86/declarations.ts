/**
 * The configurations the x86 adapters declare, as a base per kernel family that each adapter
 * spreads and overrides where its build differs (flush transport, PARAVIRT's RCU table free).
 */
import type { Declarations } from '../../src/kernel';

/**
 * An SMP x86 kernel with THP and no RCU table free (x86 selects MMU_GATHER_RCU_TABLE_FREE only
 * `if PARAVIRT` in v4.19 .. v6.14, and PT_RECLAIM is x86_64 only): PTE tables go through the
 * page batch after the IPI flush. Split PTE ptlocks and ALLOC_SPLIT_PTLOCKS are drawn per run.
 */
export const X86_DECLARATIONS: Declarations = {
  SMP: true, THP: true, HIGHPTE: false, SPLIT_PTE_PTLOCKS: 'both', ALLOC_SPLIT_PTLOCKS: 'both',
  MMU_GATHER_TABLE_FREE: false, MMU_GATHER_RCU_TABLE_FREE: false, GUP_GET_PXX_LOW_HIGH: false,
  PT_RECLAIM: false, flushTransport: 'ipi', mmCpumask: 'clear-on-switch', tablesPerPage: 1, pgtableIsPtePointer: false,
  ctorDtor: true, tlbDelayRmap: true, irqOffIsRcuReader: true,
};

/**
 * x86_64 defconfig from v6.14 on: PT_RECLAIM (default y, x86_64 only) selects
 * MMU_GATHER_RCU_TABLE_FREE, so PTE tables go through the RCU table batch; NR_CPUS=64 >=
 * SPLIT_PTLOCK_CPUS, so split PTE ptlocks (see the x86 report on unsplit ptlocks + PT_RECLAIM vs
 * collapse_pte_mapped_thp). Native IPI flushes. x86_64 defconfig has INTEL_IOMMU_SVM (depends
 * on X86_64; selects IOMMU_SVA): a device may be bound to the mm with SVA (`IOMMU_SVA`).
 */
export const X86_64_PT_RECLAIM_DECLARATIONS: Declarations = {
  ...X86_DECLARATIONS,
  SPLIT_PTE_PTLOCKS: true, MMU_GATHER_TABLE_FREE: true, MMU_GATHER_RCU_TABLE_FREE: true, PT_RECLAIM: true,
  IOMMU_SVA: true,
};
