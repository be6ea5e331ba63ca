/**
 * Decoding raw pmd values (contracts.md §1.4): pure functions shared by the mm code and the
 * monitors.
 */
import { PMD_BAD, PMD_HUGE, PMD_MIGRATION, PMD_PRESENT } from './types';

/** Kind of a raw pmd value. */
export function pmdKind(raw: number): 'none' | 'table' | 'huge' | 'migration' | 'bad' {
  if (raw === 0) return 'none';
  if (raw & PMD_MIGRATION) return 'migration';
  if (raw & PMD_BAD) return 'bad';
  if (raw & PMD_HUGE) return 'huge';
  return (raw & PMD_PRESENT) ? 'table' : 'bad';
}

/** The table address (`pte_t *`) a table pmd points to. */
export function pmd_page_vaddr(raw: number): number {
  return raw - (raw % 8);
}

/** A table pmd value for the table at `va`. */
export function mk_table_pmd(va: number): number {
  return va + PMD_PRESENT;
}
