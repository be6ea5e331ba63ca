/** The arm adapters. */
import type { Adapter } from '../../src/kernel';
import classic_v6_5 from './classic-v6.5';
import classic_qi_v4 from './classic-qi-v4';
import classic_v6_14 from './classic-v6.14';
import lpae_v6_5 from './lpae-v6.5';
import lpae_v6_14 from './lpae-v6.14';
import lpae_2026 from './lpae-2026';

/** Registered arm adapters. */
export const adapters: Adapter[] = [classic_v6_5, classic_qi_v4, classic_v6_14, lpae_v6_5, lpae_v6_14, lpae_2026];
