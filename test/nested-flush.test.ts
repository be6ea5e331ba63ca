/**
 * tlb_finish_mmu()'s forced flush when two gathers of one mm overlap (mm_tlb_flush_nested(),
 * src/mm/mmu_gather.ts): the shrunk counterexample of the broken fixture that ignores fullmm is a
 * scenario where the forced flush happens; the correct arm64 adapter flushes the whole mm there.
 */
import { describe, expect, it } from '@jest/globals';
import arm64 from '../arch/arm64/v6.14';
import { BROKEN } from '../fixtures';
import { PROPERTIES } from '../properties';
import { checkAdapter } from '../src/check/checkAdapter';
import { runScenario } from '../src/engine/runner';

const FORCED = 'mm_tlb_flush_nested: forced fullmm flush';

describe('tlb_finish_mmu() with nested gathers', () => {
  const broken = BROKEN.find((b) => b.adapter.name === 'broken-tlb-flush-fullmm-as-range')!.adapter;
  const { failures } = checkAdapter(broken, PROPERTIES, { runs: 1500, seed: 1, adapterRef: broken.name });
  const f = failures.find((x) => x.contract === 'C-GA-1')!;

  it('the fixture that flushes a fullmm gather by its range fails C-GA-1 after a forced flush', () => {
    expect(f).toBeDefined();
    const r = runScenario(broken, f.scenario);
    expect(r.violation?.contract).toBe('C-GA-1');
    expect(r.trace.some((e) => e.action.endsWith(FORCED))).toBe(true);
  });

  it('the correct arm64 tlb_flush() passes the same scenario with flush_tlb_mm()', () => {
    const r = runScenario(arm64, f.scenario);
    expect(r.violation).toBeNull();
    const i = r.trace.findIndex((e) => e.action.endsWith(FORCED));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.trace.slice(i).some((e) => e.action.includes('(vpn 0..'))).toBe(true);
  });
});
