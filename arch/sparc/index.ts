/** The sparc adapters. */
import type { Adapter } from '../../src/kernel';
import sparc64_v6_6 from './sparc64-v6.6';
import sparc64_2026 from './sparc64-2026';
import sparc32_v6_6 from './sparc32-v6.6';

/** Registered sparc adapters: sparc64 (SMP) v6.6 and 2026, sparc32 (SRMMU) v6.6 (known-bad, see its description). */
export const adapters: Adapter[] = [sparc64_v6_6, sparc64_2026, sparc32_v6_6];
