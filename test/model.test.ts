/**
 * The model's own semantics, driven directly: grace periods wait for the readers present when
 * they start, IPIs wait for CPUs with IRQs off, non-IPI flushes do not, and the monitors flag
 * the misuse they exist for (and nothing legal).
 */
import { runToEnd } from '../src/model/coroutine';
import { describe, expect, it } from '@jest/globals';
import generic from '../arch/generic/v6.14';
import { call_rcu, pagetable_dtor, rcu_read_lock, rcu_read_unlock, spin_lock, spin_unlock } from '../src/kernel';
import { __pte_alloc_one } from '../src/kernel/asm-generic';
import { flush_tlb_range, local_irq_disable, local_irq_enable, tlb_remove_table_sync_one } from '../src/mm/tlbflush';
import { inWorld, runAs } from './helpers';

describe('RCU', () => {
  it('a grace period waits for a reader present at its start, then runs the callback', () => {
    inWorld(generic, (w) => {
      w.cur = w.actors[1]!;
      runToEnd(rcu_read_lock());
      w.cur = w.actors[0]!;
      const page = runToEnd(__pte_alloc_one(null))!;
      let ran = false;
      runToEnd(call_rcu(page.rcu_head, function cb() { ran = true; }));
      const engine = w.rcu.engine();
      expect(runAs(w, w.cfg.cpus, engine)).toBe('blocked'); // GP started, cpu1 holds it off
      expect(w.rcu.holdouts.has(1)).toBe(true);
      expect(ran).toBe(false);
      w.cur = w.actors[1]!;
      runToEnd(rcu_read_unlock());
      runAs(w, w.cfg.cpus, engine);
      expect(ran).toBe(true);
      expect(w.rcu.gpCompleted).toBe(1);
    });
  });
  it('IRQs-off sections hold off grace periods when declared readers (Q1)', () => {
    inWorld(generic, (w) => {
      w.cur = w.actors[2]!;
      local_irq_disable();
      w.cur = w.actors[0]!;
      const page = runToEnd(__pte_alloc_one(null))!;
      runToEnd(call_rcu(page.rcu_head, function cb() { /* nothing */ }));
      runAs(w, w.cfg.cpus, w.rcu.engine());
      expect(w.rcu.holdouts.has(2)).toBe(true);
    });
  });
  it('flags call_rcu on a queued rcu_head (C-LT-7)', () => {
    inWorld(generic, (w) => {
      const page = runToEnd(__pte_alloc_one(null))!;
      runToEnd(call_rcu(page.rcu_head, function a() { /* */ }));
      runToEnd(call_rcu(page.rcu_head, function b() { /* */ }));
      expect(w.violations.map((v) => v.contract)).toEqual(['C-LT-7']);
    });
  });
});

describe('IPIs and flushes', () => {
  it('tlb_remove_table_sync_one waits for a CPU with IRQs off, and completes when it enables them', () => {
    inWorld(generic, (w) => {
      w.cur = w.actors[1]!;
      local_irq_disable();
      const sync = tlb_remove_table_sync_one();
      expect(runAs(w, 0, sync)).toBe('blocked');
      w.cur = w.actors[1]!;
      local_irq_enable();
      expect(runAs(w, 0, sync)).toBe('done');
    });
  });
  it('a broadcast flush invalidates every CPU at once, even with IRQs off', () => {
    inWorld(generic, (w) => {
      const cpu1 = w.actors[1]!;
      cpu1.tlb.set(0, { page: w.filePages[0]!, gen: w.filePages[0]!.gen, write: true, dirty: true });
      w.cur = cpu1;
      local_irq_disable();
      expect(runAs(w, 0, flush_tlb_range(0, 1, false))).toBe('done');
      expect(cpu1.tlb.size).toBe(0);
    });
  });
});

describe('monitors', () => {
  it('flag a lock on a ptlock freed by the dtor (C-DT-3) and a double dtor (C-DT-1)', () => {
    inWorld(generic, (w) => {
      const page = runToEnd(__pte_alloc_one(null))!;
      const ptl = page.ptl!;
      runToEnd(pagetable_dtor(page));
      runToEnd(spin_lock(ptl));
      runToEnd(spin_unlock(ptl));
      runToEnd(pagetable_dtor(page));
      expect(w.violations.map((v) => v.contract)).toEqual(['C-DT-3', 'C-DT-3', 'C-DT-1']);
    });
  });
  it('accept a legal ctor/dtor/free sequence', () => {
    inWorld(generic, (w) => {
      const page = runToEnd(__pte_alloc_one(null))!;
      runToEnd(generic.pte_free(null, page));
      expect(w.violations).toEqual([]);
      expect(w.nrPagetable).toBe(0);
    });
  });
});
