/** The mips adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered mips adapters. */
export const adapters: Adapter[] = [];
