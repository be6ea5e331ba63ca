/**
 * riscv primitives for adapters. `riscv_use_sbi_for_rfence()` (arch/riscv/include/asm/sbi.h,
 * v6.9+) is `static_branch_unlikely(&riscv_sbi_for_rfence)`: true when remote TLB fences go
 * through SBI firmware (no Linux IPI, so IRQs-off walkers are not waited for), false when the
 * kernel IPIs the other harts. In the model the boot-time choice is the adapter's declared
 * `flushTransport`: `'sbi'` or `'ipi'`.
 */
import { current } from '../model/world';

/** `riscv_use_sbi_for_rfence()`: whether remote fences go through SBI (the declared transport is `'sbi'`). */
export function riscv_use_sbi_for_rfence(): boolean {
  return current().decl.flushTransport === 'sbi';
}
