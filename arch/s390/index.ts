/** The s390 adapters. */
import type { Adapter } from '../../src/kernel';

/** Registered s390 adapters. */
export const adapters: Adapter[] = [];
