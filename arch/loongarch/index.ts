/** The loongarch adapters. */
import type { Adapter } from '../../src/kernel';
import v6_5 from './v6.5';
import v6_15 from './v6.15';
import y2026 from './2026';

/** Registered loongarch adapters. */
export const adapters: Adapter[] = [v6_5, v6_15, y2026];
