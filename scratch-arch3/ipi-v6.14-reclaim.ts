import type { Adapter } from '../src/adapter/types';
import a0 from '../arch/riscv/ipi-v6.14';
const a: Adapter = { ...a0, name: 'riscv-ipi-v6.14-reclaim', declarations: { ...a0.declarations, PT_RECLAIM: true } };
export default a;
