/**
 * The model's lazy trace (src/model/trace.ts) and shared names (src/model/names.ts): an action
 * recorded as a function reads exactly like one recorded as text, a run result carries plain
 * data, and names are the ones the timelines always showed.
 */
import { describe, expect, it } from '@jest/globals';
import generic from '../arch/generic/v6.14';
import b1 from '../fixtures/broken/b1-dtor-before-rcu';
import { runScenario } from '../src/engine/runner';
import { cpuName, dataPageName, lockName, ptName, rcuHeadName } from '../src/model/names';
import { LazyTraceEntry, plainTrace, textOf } from '../src/model/trace';
import { PFN_BASE } from '../src/model/types';
import { inWorld, quietScenario } from './helpers';

describe('lazy trace entries', () => {
  it('build their text and objects once, on first read', () => {
    let built = 0;
    const e = new LazyTraceEntry('cpu0', 'fault', () => `spin_lock(${String(++built)})`, 'a', 'b');
    expect(built).toBe(0);
    expect(e.action).toBe('spin_lock(1)');
    expect(e.action).toBe('spin_lock(1)');
    expect(built).toBe(1);
    expect(e.objects).toEqual(['a', 'b']);
    expect(new LazyTraceEntry('cpu0', 'idle', 'x', ['p', 'q'], undefined).objects).toEqual(['p', 'q']);
    expect(new LazyTraceEntry('cpu0', 'idle', 'x', undefined, undefined).objects).toEqual([]);
  });
  it('render to the plain entries an eager record gives', () => {
    const lazy = new LazyTraceEntry('cpu1', 'munmap(pmd0)', () => 'pte_unmap(pt@0x100003000)', 'pt@0x100003000', undefined);
    expect(plainTrace([lazy])).toEqual([{ actor: 'cpu1', op: 'munmap(pmd0)', action: 'pte_unmap(pt@0x100003000)', objects: ['pt@0x100003000'] }]);
    expect(textOf('a')).toBe('a');
    expect(textOf(() => 'b')).toBe('b');
  });
  it('World.record keeps the one-list form adapters use', () => {
    inWorld(generic, (w) => {
      w.record('tlb->mm->context.flush_mm = 1');
      w.record('x', ['o1', 'o2']);
      expect(w.trace.map((e) => [e.action, e.objects])).toEqual([['tlb->mm->context.flush_mm = 1', []], ['x', ['o1', 'o2']]]);
    });
  });
  it('a run result carries its trace as plain data, the same on every read', () => {
    const r = runScenario(b1, quietScenario());
    expect(r.trace.length).toBeGreaterThan(0);
    expect(r.trace).toBe(r.trace);
    for (const e of r.trace) expect(Object.keys(e)).toEqual(['actor', 'op', 'action', 'objects']);
    expect(JSON.parse(JSON.stringify(r.trace))).toEqual(r.trace);
  });
});

describe('names', () => {
  it('are the timeline names, shared between calls', () => {
    expect(ptName(0x100003000)).toBe('pt@0x100003000');
    expect(ptName(0x100003000)).toBe(ptName(0x100003000));
    expect(ptName(0x100003800)).toBe('pt@0x100003800');
    expect(dataPageName(PFN_BASE + 5)).toBe('page#5');
    expect(cpuName(2)).toBe('cpu2');
    expect(rcuHeadName(PFN_BASE + 3)).toBe('rcu_head of pt@0x100003000');
    expect(lockName('pmd_ptl', 3)).toBe('pmd_ptl#3');
  });
});
