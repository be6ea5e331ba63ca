import type { Adapter } from '../src/adapter/types';
import a0 from '../arch/loongarch/2026';
const a: Adapter = { ...a0, name: 'loongarch-2026-unsplit', declarations: { ...a0.declarations, SPLIT_PTE_PTLOCKS: false } };
export default a;
