/** The sparc adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered sparc adapters. */
export const adapters: Adapter[] = [];
