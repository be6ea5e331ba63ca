/** The generic adapters. */
import type { Adapter } from '../../src/kernel';
import v6_14 from './v6.14';

/** Registered generic adapters. */
export const adapters: Adapter[] = [v6_14];
