/** The sh adapters. */
import type { Adapter } from '../../src/kernel';
import x2tlb_v6_14 from './x2tlb-v6.14';
import x2tlb_v6_15 from './x2tlb-v6.15';

/** Registered sh adapters. */
export const adapters: Adapter[] = [x2tlb_v6_14, x2tlb_v6_15];
