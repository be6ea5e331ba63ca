/** The riscv adapters. */
import type { Adapter } from '../../src/kernel';
import sbi_v6_13 from './sbi-v6.13';
import ipi_v6_13 from './ipi-v6.13';
import sbi_v6_14 from './sbi-v6.14';
import ipi_v6_14 from './ipi-v6.14';
import sbi_2026 from './sbi-2026';
import ipi_2026 from './ipi-2026';
import sbi_v6_13_reclaim from './sbi-v6.13-reclaim';
import ipi_v6_14_reclaim from './ipi-v6.14-reclaim';

/** Registered riscv adapters. */
export const adapters: Adapter[] = [
  sbi_v6_13, ipi_v6_13, sbi_v6_14, ipi_v6_14, sbi_2026, ipi_2026, sbi_v6_13_reclaim, ipi_v6_14_reclaim,
];
