/** Every property, in report order. Arch-specific properties register here too. */
import type { Property } from '../src/check/property';
import mapBalance from './map-balance';
import lockRecheck from './lock-recheck';
import lifetime from './lifetime';
import dtor from './dtor';
import rcuHead from './rcu-head';
import deferAlloc from './defer-alloc';
import detachedEmpty from './detached-empty';
import delayedRmap from './delayed-rmap';
import teardown from './teardown';
import lockdep from './lockdep';
import lists from './lists';
import archAsserts from './arch-asserts';
import arm from './arm';
import pae from './pae';
import powerpc from './powerpc';
import s390 from './s390';
import sparc from './sparc';
import highpte from './highpte';
import xen from './xen';
import mips from './mips';
import fork from './fork';

/** All registered properties. */
export const PROPERTIES: readonly Property[] = [
  mapBalance, lockRecheck, lifetime, dtor, rcuHead, deferAlloc, detachedEmpty, delayedRmap, teardown, lockdep, lists, archAsserts, arm, pae, powerpc, s390, sparc, highpte, xen, mips, fork,
];
