/** The arm64 adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered arm64 adapters. */
export const adapters: Adapter[] = [];
