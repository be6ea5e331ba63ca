/**
 * The default generator: the Scenario JSON it draws keeps its shape (saved replay files stay
 * loadable), its schedules name busy CPUs and end with the others running to completion, and
 * the preemption points it stops ops at are measured on the adapter.
 */
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { ADAPTERS } from '../arch';
import { opKinds, scenarioArb, CPUS } from '../src/engine/scenario';
import { schedulePoints } from '../src/engine/preemption';
import { placeSchedule, TAIL_STEPS } from '../src/engine/schedule';
import type { Op } from '../src/engine/ops';

const generic = ADAPTERS.find((a) => a.name === 'generic-v6.14')!;

describe('generated scenarios', () => {
  const scs = fc.sample(scenarioArb(generic), { seed: 1, numRuns: 300 });
  it('have exactly the Scenario fields', () => {
    const keys = ['allocSplitPtl', 'batch', 'batchAllocFail', 'fileKind', 'programs', 'ptlockAllocFail', 'reclaim', 'schedule', 'slots', 'splitPtl', 'warm'];
    for (const sc of scs) expect(Object.keys(sc).sort()).toEqual(keys);
  });
  it('often put ops side by side on a pmd with a table and a table-less one (twins on the neighbour pmd)', () => {
    // 41% of the multi-slot scenarios at seed 1 (7% without twins and the sparse neighbour).
    const sample = fc.sample(scenarioArb(generic), { seed: 1, numRuns: 1000 }).filter((sc) => sc.slots.length > 1);
    const side = sample.filter((sc) => {
      const slots = sc.programs.flat().flatMap((o) => ('slot' in o ? [o.slot] : []));
      return slots.some((s) => sc.slots[s]!.table) && slots.some((s) => !sc.slots[s]!.table);
    });
    expect(side.length / sample.length).toBeGreaterThan(0.25);
  });
  it('schedule busy CPUs or the RCU engine', () => {
    for (const sc of scs) {
      for (const c of sc.schedule) {
        expect(c.a === sc.programs.length || (sc.programs[c.a]?.length ?? 0) > 0 || sc.programs.every((p) => p.length === 0)).toBe(true);
        expect(c.n).toBeGreaterThanOrEqual(1);
      }
    }
  });
  it('draw remote walkers (another mm\'s task walking this one), never an arch walker as remote, and local ones as before', () => {
    const walks = scs.flatMap((sc) => sc.programs.flat()).filter((o): o is Extract<Op, { k: 'walk' }> => o.k === 'walk');
    const remote = walks.filter((o) => o.remote === true);
    expect(remote.length).toBeGreaterThan(0);
    expect(walks.length - remote.length).toBeGreaterThan(remote.length);
    for (const o of walks) expect(Object.keys(o).sort()).toEqual(o.remote ? ['api', 'index', 'k', 'remote', 'slot'] : ['api', 'index', 'k', 'slot']);
    for (const o of remote) expect(o.api).not.toBe('arch');
  });
  it('are deterministic for a seed', () => {
    expect(fc.sample(scenarioArb(generic), { seed: 1, numRuns: 300 })).toEqual(scs);
  });
});

describe('placing a drawn schedule', () => {
  const collapse: Op = { k: 'collapse', slot: 0 };
  const walk: Op = { k: 'walk', slot: 0, index: 0, api: 'map' };
  const release = new Map([['collapse:thp', [2, 3]]]);
  const points = { release };
  it('names busy CPUs uniformly and appends the others to completion', () => {
    const programs = [[walk], [], [collapse]];
    const firsts = [0, 1, 2, 3, 4, 5].map((a) => placeSchedule(programs, { chunks: [{ a, n: 1 }], toRemover: false, point: -1 }, points)[0]!.a);
    expect(firsts).toEqual([0, 2, 0, 2, 0, 2]);
    expect(placeSchedule(programs, { chunks: [{ a: 0, n: 1 }], toRemover: false, point: -1 }, points)).toEqual([{ a: 0, n: 1 }, { a: 2, n: TAIL_STEPS }]);
  });
  it('prefers a CPU starting with a remover and stops it at a preemption point', () => {
    const programs = [[walk], [], [collapse]];
    expect(placeSchedule(programs, { chunks: [{ a: 0, n: 9 }], toRemover: true, point: 1 }, points)).toEqual([{ a: 2, n: 3 }, { a: 0, n: TAIL_STEPS }]);
  });
  it('preempts a lock holder at a hold point, then runs a remover until it blocks', () => {
    const fault: Op = { k: 'fault', slot: 1, index: 0, write: false };
    const programs = [[walk], [fault], [collapse]];
    const holds = new Map([['fault:r', [2, 4]]]);
    expect(placeSchedule(programs, { chunks: [{ a: 0, n: 9 }], toRemover: true, point: -1, holder: 1 }, { release, hold: holds }))
      .toEqual([{ a: 1, n: 4 }, { a: 2, n: TAIL_STEPS }, { a: 0, n: TAIL_STEPS }, { a: 1, n: TAIL_STEPS }]);
    // Without a remover, or without a holder with hold points, the drawn chunks apply.
    expect(placeSchedule([[walk], [fault], []], { chunks: [{ a: 0, n: 9 }], toRemover: true, point: -1, holder: 1 }, { release, hold: holds })[0]).toEqual({ a: 0, n: 9 });
    expect(placeSchedule(programs, { chunks: [{ a: 0, n: 9 }], toRemover: true, point: -1, holder: 1 }, { release, hold: new Map() })[0]).toEqual({ a: 2, n: 9 });
  });
  it('stops a holder on another pmd than the remover\'s only where it holds a lock every pmd shares', () => {
    const holds = new Map([['fault:r', [2, 4]]]);
    const shared = new Map([['fault:r', [4]]]);
    const drawn = { chunks: [{ a: 0, n: 9 }], toRemover: true, point: -1, holder: 0 };
    const apart: Op = { k: 'fault', slot: 1, index: 0, write: false };
    expect(placeSchedule([[walk], [apart], [collapse]], drawn, { release, hold: holds, sharedHold: shared })[0]).toEqual({ a: 1, n: 4 });
    const beside: Op = { k: 'fault', slot: 0, index: 0, write: false };
    expect(placeSchedule([[walk], [beside], [collapse]], drawn, { release, hold: holds, sharedHold: shared })[0]).toEqual({ a: 1, n: 2 });
  });
  it('runs the RCU engine right after a queue point, before the others and the preempted CPU', () => {
    const programs = [[walk], [], [collapse]];
    const queue = new Map([['collapse:thp', [5]]]);
    // Stops: 2, 3 (preemption points), 5 (queue point).
    expect(placeSchedule(programs, { chunks: [{ a: 0, n: 9 }], toRemover: true, point: 2 }, { release, queue }))
      .toEqual([{ a: 2, n: 5 }, { a: CPUS, n: TAIL_STEPS }, { a: 0, n: TAIL_STEPS }]);
    expect(placeSchedule(programs, { chunks: [{ a: 0, n: 9 }], toRemover: true, point: 1 }, { release, queue }))
      .toEqual([{ a: 2, n: 3 }, { a: 0, n: TAIL_STEPS }]);
  });
  it('nests two removers stopped inside arch hooks, with a grace period before the second resumes', () => {
    const dontneed: Op = { k: 'dontneed', slot: 1 };
    const programs = [[collapse], [walk], [dontneed]];
    const hook = new Map([['collapse:thp', [4, 6]], ['dontneed', [5, 7, 8]]]);
    // The first chunk's pick 1 names the second remover (cpu2) first; nested 3: its stop 3 % 3,
    // then cpu0's stop floor(3 / 3) % 2.
    expect(placeSchedule(programs, { chunks: [{ a: 1, n: 9 }], toRemover: true, point: -1, nested: 3 }, { release, hook }))
      .toEqual([{ a: 2, n: 5 }, { a: 0, n: 6 }, { a: 2, n: TAIL_STEPS }, { a: CPUS, n: TAIL_STEPS }, { a: 1, n: TAIL_STEPS }]);
    // One remover, or a remover without hook points: the drawn chunks apply.
    expect(placeSchedule([[collapse], [walk], []], { chunks: [{ a: 0, n: 9 }], toRemover: true, point: -1, nested: 3 }, { release, hook })[0]).toEqual({ a: 0, n: 9 });
    expect(placeSchedule(programs, { chunks: [{ a: 1, n: 9 }], toRemover: true, point: -1, nested: 3 }, { release, hook: new Map([['dontneed', [5]]]) })[0]).toEqual({ a: 2, n: 9 });
  });
  it('leaves the RCU engine last without a tail', () => {
    expect(placeSchedule([[walk], [], []], { chunks: [{ a: -1, n: 4 }], toRemover: false, point: -1 }, points)).toEqual([{ a: CPUS, n: 4 }]);
  });
});

describe('preemption points', () => {
  it('on two-half pmd configs, include the step after a pmd_low read (the B19/B36 window)', () => {
    const pae = ADAPTERS.find((a) => a.name === 'x86-pae-pv-v6.6')!;
    const x86 = ADAPTERS.find((a) => a.name === 'x86-pv-v6.6')!;
    const walk = (a: typeof pae): number => schedulePoints(a, opKinds(a)).release.get('walk:lock')!.length;
    expect(walk(pae)).toBeGreaterThan(walk(x86));
  });
  it('are measured per adapter, inside each remover path, and cached', () => {
    const p = schedulePoints(generic, opKinds(generic)).release;
    expect(schedulePoints(generic, opKinds(generic)).release).toBe(p);
    for (const path of ['collapse:thp', 'collapse:madvise', 'khugepaged', 'munmap', 'dontneed']) {
      expect(p.get(path)?.length).toBeGreaterThan(0);
      for (const n of p.get(path)!) expect(n).toBeGreaterThanOrEqual(1);
    }
  });
  it('include queue points (a table queued for RCU inside tlb_remove_table()) and hook points (inside an arch hook)', () => {
    const s390 = ADAPTERS.find((a) => a.name === 's390-2026')!;
    // khugepaged's retract_page_tables() goes on after pte_free_defer() queued the table.
    expect(schedulePoints(s390, opKinds(s390), 2).queue.get('khugepaged')?.length).toBeGreaterThan(0);
    // s390 dontneed with PT_RECLAIM: pte_free_tlb() sets flush_mm, tlb_flush() takes context.lock.
    const hook = schedulePoints(s390, opKinds(s390), 2).hook.get('dontneed') ?? [];
    expect(hook.length).toBeGreaterThan(1);
    // Release points do not see the plain store of flush_mm.
    expect(hook.some((n) => !schedulePoints(s390, opKinds(s390), 2).release.get('dontneed')!.includes(n))).toBe(true);
  });
  it('include hold points: a fault populating a missing table holds pmd_lock', () => {
    const h = schedulePoints(generic, opKinds(generic)).hold;
    expect(h.get('fault:r')?.length).toBeGreaterThan(0);
    expect(h.get('collapse:thp')?.length).toBeGreaterThan(0);
  });
  it('single out the hold points of locks every pmd shares (pmd_lock), not a PTE table\'s ptl', () => {
    const h = schedulePoints(generic, opKinds(generic)).hold.get('uffd_copy')!;
    const s = schedulePoints(generic, opKinds(generic)).sharedHold.get('uffd_copy')!;
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThan(h.length);
    for (const n of s) expect(h).toContain(n);
  });
});
