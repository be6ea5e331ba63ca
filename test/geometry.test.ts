/**
 * The drawn world (src/engine/geometry.ts): every size of slots, PTEs, CPUs and powerpc
 * PTE_FRAG_NR appears in generated scenarios, runs of every size are deterministic and build the
 * world they name, replay files of the legacy fixed geometry still load, and a failure shrinks
 * toward the smallest world.
 */
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { ADAPTERS } from '../arch';
import { scenarioArb } from '../src/engine/scenario';
import { geometryOf, GEOMETRY_BOUNDS, LEGACY_GEOMETRY, shrinkingWeighted } from '../src/engine/geometry';
import { buildWorld, runScenario } from '../src/engine/runner';
import { plainTrace } from '../src/model/trace';
import { readReplayFile } from '../src/results/replayFile';
import { scenarioShape } from '../src/results/replaySchema';

const generic = ADAPTERS.find((a) => a.name === 'generic-v6.14')!;
const powerpc = ADAPTERS.find((a) => a.name === 'powerpc-book3s64-v6.6')!;

describe('the drawn geometry', () => {
  const scs = fc.sample(scenarioArb(generic), { seed: 3, numRuns: 600 });
  it('reaches every size of every dimension', () => {
    const seen = { slots: new Set<number>(), ptes: new Set<number>(), cpus: new Set<number>() };
    for (const sc of scs) {
      const g = geometryOf(sc);
      seen.slots.add(g.slots);
      seen.ptes.add(g.ptes);
      seen.cpus.add(g.cpus);
      expect(sc.frags).toBeUndefined();
      for (const s of sc.slots) expect(s.ptes.length).toBe(g.ptes);
      for (const o of sc.programs.flat()) {
        if ('slot' in o) expect(o.slot).toBeLessThan(g.slots);
        if ('index' in o) expect(o.index).toBeLessThan(g.ptes);
      }
      for (const c of sc.schedule) expect(c.a).toBeLessThanOrEqual(g.cpus);
      expect(scenarioShape(JSON.parse(JSON.stringify(sc)), 'scenario')).toEqual(sc);
    }
    for (const dim of ['slots', 'ptes', 'cpus'] as const) {
      const { min, max } = GEOMETRY_BOUNDS[dim];
      expect([...seen[dim]].sort()).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
    }
  });
  it('builds the world the scenario names, deterministically', () => {
    for (const sc of scs.slice(0, 60)) {
      const g = geometryOf(sc);
      const w = buildWorld(generic, sc);
      expect(w.tasks.length).toBe(g.cpus);
      expect(w.mm.pmds.length).toBe(g.slots);
      expect(w.filePages.length).toBe(g.ptes);
      const a = runScenario(generic, sc);
      const b = runScenario(generic, sc);
      expect(JSON.stringify(plainTrace(b.trace))).toBe(JSON.stringify(plainTrace(a.trace)));
      expect(a.violation).toBeNull();
    }
  });
  it('draws powerpc PTE_FRAG_NR 1, 2 and 4 and the world uses it', () => {
    const pp = fc.sample(scenarioArb(powerpc), { seed: 5, numRuns: 300 });
    expect(new Set(pp.map((sc) => sc.frags))).toEqual(new Set([1, 2, 4]));
    for (const sc of pp.slice(0, 30)) {
      const w = buildWorld(powerpc, sc);
      expect(w.decl.tablesPerPage).toBe(sc.frags);
      // powerpc v6.6 is known-bad (C-LT-4, C-PPC-2): nothing else may fail.
      const v = runScenario(powerpc, sc).violation;
      if (v) expect(powerpc.knownBad?.contracts).toContain(v.contract);
    }
  });
  it('shrinks toward the smallest size', () => {
    const arb = shrinkingWeighted([1, 2, 3, 4], [1, 4, 1, 1]);
    const r = fc.check(fc.property(arb, () => false), { seed: 1 });
    expect(r.counterexample).toEqual([1]);
  });
});

describe('replay files of the fixed geometry', () => {
  it('load with 2 slots of 2 PTEs and 3 CPUs', () => {
    const r = readReplayFile('fixtures/counterexamples/B1.json');
    expect(geometryOf(r.scenario)).toEqual(LEGACY_GEOMETRY);
  });
});
