/** The powerpc adapters. */
import type { Adapter } from '../../src/kernel';
import book3s64_v6_6 from './book3s64-v6.6';

/** Registered powerpc adapters. */
export const adapters: Adapter[] = [book3s64_v6_6];
