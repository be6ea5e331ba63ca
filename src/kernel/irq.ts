/**
 * `local_irq_save()` / `local_irq_restore()` for arch code running inside a hook (mips
 * `__update_tlb()` runs with IRQs off). Other CPUs run between the hook's primitives, and an
 * IPI sent to this CPU meanwhile waits; `local_irq_restore` takes IPIs that arrived meanwhile,
 * like the kernel's.
 */
import { local_irq_disable, local_irq_enable } from '../mm/tlbflush';

/** Saved IRQ state (the model keeps a nesting count, so the flags carry nothing). */
export type IrqFlags = { readonly saved: true };

/** `local_irq_save(flags)`. */
export function local_irq_save(): IrqFlags {
  local_irq_disable();
  return { saved: true };
}

/** `local_irq_restore(flags)`. */
export function local_irq_restore(flags: IrqFlags): void {
  void flags;
  local_irq_enable();
}
