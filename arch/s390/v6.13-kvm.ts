/** s390-v6.13-kvm: the v6.13 adapter (./v6.13.ts) in a KVM guest's PGSTE mm (./kvm.ts). */
import { kvmGuest } from './kvm';
import base from './v6.13';

export default kvmGuest(base);
