/** The sh adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered sh adapters. */
export const adapters: Adapter[] = [];
