/** The x86 adapters. */
import type { Adapter } from '../../src/kernel';
import pv2012 from './pv-2012';
import nativeV6_5 from './native-v6.5';
import pvV6_5 from './pv-v6.5';
import x86_32NativeV6_14 from './x86-32-native-v6.14';
import x86_64NativeV6_14 from './native-v6.14';
import x86_64PvV6_14 from './pv-v6.14';
import v6_15 from './v6.15';
import y2026 from './2026';
import paeNativeV6_5 from './pae-native-v6.5';
import paePvV6_5 from './pae-pv-v6.5';
import xenPvV6_6 from './xen-pv-v6.6';
import xenPvV6_14 from './xen-pv-v6.14';
import xenPvV6_15 from './xen-pv-v6.15';
import xenPv2026 from './xen-pv-2026';

/** Registered x86 adapters. */
export const adapters: Adapter[] = [
  pv2012, nativeV6_5, pvV6_5, x86_32NativeV6_14, x86_64NativeV6_14, x86_64PvV6_14, v6_15, y2026, paeNativeV6_5, paePvV6_5, xenPvV6_6, xenPvV6_14,
  xenPvV6_15, xenPv2026,
];
