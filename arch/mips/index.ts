/** The mips adapters. */
import type { Adapter } from '../../src/kernel';
import mips32_xpa_v6_5 from './mips32-xpa-v6.5';
import mips32_xpa_v6_14 from './mips32-xpa-v6.14';
import mips64_v6_15 from './mips64-v6.15';

/** Registered mips adapters. */
export const adapters: Adapter[] = [mips32_xpa_v6_5, mips32_xpa_v6_14, mips64_v6_15];
