/** The arm64 adapters. */
import type { Adapter } from '../../src/kernel';
import v6_13 from './v6.13';
import v6_14 from './v6.14';
import y2026 from './2026';

/** Registered arm64 adapters. */
export const adapters: Adapter[] = [v6_13, v6_14, y2026];
