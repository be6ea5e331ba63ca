/** s390-v6.14-kvm: the v6.14 adapter (./v6.14.ts) in a KVM guest's PGSTE mm (./kvm.ts). */
import { kvmGuest } from './kvm';
import base from './v6.14';

export default kvmGuest(base);
