/** The mips adapters. */
import type { Adapter } from '../../src/kernel';
import mips32_xpa_v6_5 from './mips32-xpa-v6.5';
import mips32_xpa_v6_14 from './mips32-xpa-v6.14';
import mips64_v6_15 from './mips64-v6.15';
import mips64_mmid_v6_15 from './mips64-mmid-v6.15';

/** Registered mips adapters (mips64-mmid-v6.15 is known-bad, suspected: see its file). */
export const adapters: Adapter[] = [mips32_xpa_v6_5, mips32_xpa_v6_14, mips64_v6_15, mips64_mmid_v6_15];
