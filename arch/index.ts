/**
 * The adapter registry: every in-tree adapter, arch by arch. Each arch folder exports its
 * adapters from its own index.ts; `ptconform check` runs all of these by default.
 */
import type { Adapter } from '../src/adapter/types';
import { adapters as generic } from './generic';
import { adapters as x86 } from './x86';
import { adapters as arm } from './arm';
import { adapters as arm64 } from './arm64';
import { adapters as powerpc } from './powerpc';
import { adapters as s390 } from './s390';
import { adapters as sparc } from './sparc';
import { adapters as riscv } from './riscv';
import { adapters as loongarch } from './loongarch';
import { adapters as mips } from './mips';
import { adapters as sh } from './sh';

/** Every registered adapter, in matrix order. */
export const ADAPTERS: readonly Adapter[] = [
  ...generic, ...x86, ...arm, ...arm64, ...powerpc, ...s390, ...sparc, ...riscv, ...loongarch, ...mips, ...sh,
];
