/**
 * Determinism: the same seed gives the same result, byte for byte apart from timings, and a
 * shrunk scenario replays to the same timeline.
 */
import { describe, expect, it } from '@jest/globals';
import generic from '../arch/generic/v6.14';
import b1 from '../fixtures/broken/b1-dtor-before-rcu';
import { PROPERTIES } from '../properties';
import { checkAdapter } from '../src/check/checkAdapter';
import { runScenario, type RunResult } from '../src/engine/runner';
import type { Scenario } from '../src/engine/scenario';
import type { AdapterResult } from '../src/results/schema';

function withoutTimings(r: AdapterResult): string {
  return JSON.stringify(r, (k, v: unknown) => (k === 'ms' ? 0 : v));
}

describe('determinism', () => {
  it('two checks with the same seed give identical results apart from timings', () => {
    const a = checkAdapter(b1, PROPERTIES, { runs: 400, seed: 7, adapterRef: 'b1' }).result;
    const b = checkAdapter(b1, PROPERTIES, { runs: 400, seed: 7, adapterRef: 'b1' }).result;
    expect(withoutTimings(a)).toEqual(withoutTimings(b));
  });
  it('a different seed explores differently but reaches the same verdict for generic', () => {
    const a = checkAdapter(generic, PROPERTIES, { runs: 200, seed: 1, adapterRef: 'g' }).result;
    const b = checkAdapter(generic, PROPERTIES, { runs: 200, seed: 2, adapterRef: 'g' }).result;
    expect(a.verdict).toBe('conforms');
    expect(b.verdict).toBe('conforms');
  });
  it('a shrunk scenario replays to the identical timeline', () => {
    const { failures } = checkAdapter(b1, PROPERTIES.filter((p) => p.id === 'dtor'), { runs: 1000, seed: 1, adapterRef: 'b1' });
    expect(failures.length).toBeGreaterThan(0);
    const f = failures[0]!;
    const run = (): RunResult => runScenario(b1, JSON.parse(JSON.stringify(f.scenario)) as Scenario, { judge: (v) => f.contracts.includes(v.contract) });
    const first = run();
    const again = run();
    expect(first.violation?.contract).toBe(f.contract);
    expect(again.violation).toEqual(first.violation);
    expect(again.trace).toEqual(first.trace);
  });
});
