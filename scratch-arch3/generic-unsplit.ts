import type { Adapter } from '../src/adapter/types';
import a0 from '../arch/generic/v6.14';
const a: Adapter = { ...a0, name: 'generic-v6.14-unsplit', declarations: { ...a0.declarations, SPLIT_PTE_PTLOCKS: false } };
export default a;
