/** `--mutant`: the plan keeps only the mutants named, with the adapters that judge them. */
import { describe, expect, it } from '@jest/globals';
import { planMutation } from '../../src/mutate/run';

describe('mutation plan', () => {
  it('keeps only the mutants named by --mutant', () => {
    const all = planMutation({ arch: ['sh'], adapter: [], operator: [] });
    expect(all.mutants.length).toBeGreaterThan(1);
    const id = all.mutants[1]!.mutant.id;
    const one = planMutation({ arch: ['sh'], adapter: [], operator: [], mutant: [id] });
    expect(one.mutants.map((m) => m.mutant.id)).toEqual([id]);
    expect(one.adapters.length).toBeGreaterThan(0);
  });
});
