/** The powerpc adapters. */
import type { Adapter } from '../../src/kernel';
import book3s64_v6_6 from './book3s64-v6.6';
import book3s64_2026 from './book3s64-2026';

/** Registered powerpc adapters (both known-bad for pte_frag_destroy at exit; see each adapter). */
export const adapters: Adapter[] = [book3s64_v6_6, book3s64_2026];
