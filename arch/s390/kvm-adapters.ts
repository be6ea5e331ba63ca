/** The PGSTE (KVM guest) variants of the eras with gmap in the page-table code (./kvm.ts). */
import type { Adapter } from '../../src/kernel';
import v6_6Kvm from './v6.6-kvm';
import v6_13Kvm from './v6.13-kvm';
import v6_14Kvm from './v6.14-kvm';

/** s390-v6.6-kvm, s390-v6.13-kvm, s390-v6.14-kvm. */
export const kvmAdapters: Adapter[] = [v6_6Kvm, v6_13Kvm, v6_14Kvm];
