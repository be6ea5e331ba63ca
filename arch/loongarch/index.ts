/** The loongarch adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered loongarch adapters. */
export const adapters: Adapter[] = [];
