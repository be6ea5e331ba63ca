/** The x86 adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered x86 adapters. */
export const adapters: Adapter[] = [];
