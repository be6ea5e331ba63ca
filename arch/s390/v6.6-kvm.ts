/** s390-v6.6-kvm: the v6.6 adapter (./v6.6.ts) in a KVM guest's PGSTE mm (./kvm.ts). */
import { kvmGuest } from './kvm';
import base from './v6.6';

export default kvmGuest(base);
