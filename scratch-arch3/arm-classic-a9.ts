import type { ArmAdapter } from '../arch/arm/common';
import c from '../arch/arm/classic-v6.14';
const a: ArmAdapter = { ...c, name: 'arm-classic-a9-broadcast', declarations: { ...c.declarations, flushTransport: 'broadcast' } };
export default a;
