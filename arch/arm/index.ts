/** The arm adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered arm adapters. */
export const adapters: Adapter[] = [];
