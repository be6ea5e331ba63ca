/** The s390 adapters. */
import type { Adapter } from '../../src/kernel';
import v6_6 from './v6.6';
import v6_13 from './v6.13';
import v6_14 from './v6.14';
import y2026 from './2026';
import { kvmAdapters } from './kvm-adapters';

/** Registered s390 adapters: the 2K-fragment era, the whole-page era with an arch __tlb_remove_table, the generic era, 2026, and the first three in a KVM guest's PGSTE mm (./kvm.ts). */
export const adapters: Adapter[] = [v6_6, v6_13, v6_14, y2026, ...kvmAdapters];
