/** The riscv adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered riscv adapters. */
export const adapters: Adapter[] = [];
