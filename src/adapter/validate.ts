/**
 * Checking that a module is a usable adapter before anything runs: a missing hook or a
 * malformed declaration is an adapter error (exit 2), never a pass.
 */
import { retractWithDefer } from '../mm/era';
import { eraAtLeast, ERAS, type Adapter } from './types';

const FLAGS = [
  'SMP', 'THP', 'HIGHPTE', 'MMU_GATHER_TABLE_FREE', 'MMU_GATHER_RCU_TABLE_FREE', 'GUP_GET_PXX_LOW_HIGH',
  'PT_RECLAIM', 'pgtableIsPtePointer', 'ctorDtor', 'tlbDelayRmap', 'irqOffIsRcuReader',
] as const;

/** The problems that make `a` unusable (empty when it is a valid adapter). */
export function adapterProblems(a: unknown): string[] {
  if (typeof a !== 'object' || a === null) return ['the module exports no adapter object (export default an Adapter)'];
  const x = a as Partial<Adapter> & Record<string, unknown>;
  const out: string[] = [];
  for (const k of ['name', 'arch', 'source'] as const) if (typeof x[k] !== 'string' || !x[k]) out.push(`missing string field '${k}'`);
  if (typeof x.era !== 'string' || !(ERAS as readonly string[]).includes(x.era)) out.push(`'era' must be one of ${ERAS.join(', ')}`);
  for (const k of ['pte_alloc_one', 'pte_free', '__pte_free_tlb'] as const) if (typeof x[k] !== 'function') out.push(`missing hook ${k}()`);
  const d = x.declarations as Record<string, unknown> | undefined;
  if (typeof d !== 'object' || d === null) {
    out.push("missing 'declarations'");
    return out;
  }
  for (const f of FLAGS) if (typeof d[f] !== 'boolean') out.push(`declarations.${f} must be a boolean`);
  for (const f of ['SPLIT_PTE_PTLOCKS', 'ALLOC_SPLIT_PTLOCKS']) if (typeof d[f] !== 'boolean' && d[f] !== 'both') out.push(`declarations.${f} must be a boolean or 'both'`);
  if (!['ipi', 'broadcast', 'hypercall', 'sbi'].includes(String(d.flushTransport))) out.push("declarations.flushTransport must be 'ipi', 'broadcast', 'hypercall' or 'sbi'");
  if (!Number.isInteger(d.tablesPerPage) || (d.tablesPerPage as number) < 1 || 4096 % (d.tablesPerPage as number) !== 0) out.push('declarations.tablesPerPage must be a divisor of 4096');
  const knownEra = typeof x.era === 'string' && (ERAS as readonly string[]).includes(x.era);
  // pte_free_defer() and the retract that calls it arrived in v6.6; the v6.5 retract
  // (mmap_write_trylock + pte_free) is not modelled, so an earlier adapter must not claim it.
  if (knownEra && retractWithDefer(x.era as Adapter['era'])) {
    if (d.THP === true && typeof x.pte_free_defer !== 'function') out.push('declarations.THP is set but pte_free_defer() is missing');
  } else if (knownEra && typeof x.pte_free_defer === 'function') {
    out.push(`pte_free_defer() is v6.6 code ("mm: free retracted page table by RCU"): label the adapter 'v6.6' or later, not '${x.era}'`);
  }
  if (d.MMU_GATHER_TABLE_FREE === true && typeof x.__tlb_remove_table !== 'function' && knownEra
    && !eraAtLeast(x.era as Adapter['era'], 'v6.14')) {
    out.push('MMU_GATHER_TABLE_FREE before v6.14 requires __tlb_remove_table() (C-LT-12)');
  }
  if (d.MMU_GATHER_RCU_TABLE_FREE === true && d.MMU_GATHER_TABLE_FREE !== true) out.push('MMU_GATHER_RCU_TABLE_FREE implies MMU_GATHER_TABLE_FREE');
  return out;
}
