import type { Adapter } from '../src/adapter/types';
import a0 from '../arch/arm64/v6.13';
const a: Adapter = { ...a0, name: 'arm64-v6.13-reclaim', declarations: { ...a0.declarations, PT_RECLAIM: true } };
export default a;
