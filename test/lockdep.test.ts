/**
 * The lock rules (src/model/lockdep.ts), the list integrity checks of `page->lru` and the use of
 * a map after pte_unmap, driven directly: each flags its misuse with its own contract ID, across
 * actors and interleaved steps, and nothing legal.
 */
import { describe, expect, it } from '@jest/globals';
import generic from '../arch/generic/v6.14';
import s390 from '../arch/s390/v6.6';
// The plain primitives (adapter code calls their preemption-point faces, src/kernel/faces.ts).
import { list_add, list_del, list_del_init, spin_lock, spin_lock_nested, spin_lock_wait, spin_unlock } from '../src/kernel/sync';
import { mm_context_lock, mm_context_unlock } from '../src/kernel/s390';
import { pagetable_dtor } from '../src/kernel/page';
import { __pte_alloc_one as pteAllocOne } from '../src/kernel/asm-generic';
import { runToEnd } from '../src/model/coroutine';
import type { MapHandle } from '../src/model/actor';
import type { Page } from '../src/model/types';
import { mk_table_pmd, pte_offset_map, pte_unmap, ptep_get } from '../src/mm/pgtable_generic';
import type { World } from '../src/model/world';
import { inWorld, quietScenario, runAs } from './helpers';

const __pte_alloc_one_ = (mm: null): Page | null => runToEnd(pteAllocOne(mm));

const contracts = (w: World): string[] => w.violations.map((v) => v.contract);

describe('lockdep: recursion (C-LK-2, C-RM-2)', () => {
  it('flags a lock taken again by its holder as C-LK-2', () => {
    inWorld(s390, (w) => {
      mm_context_lock(w.mm);
      mm_context_lock(w.mm);
      expect(contracts(w)).toEqual(['C-LK-2']);
      expect(w.violations[0]!.message).toContain('self-deadlock');
    });
  });
  it('keeps ptl == pml taken twice (unsplit ptlocks) as C-RM-2', () => {
    inWorld(generic, (w) => {
      spin_lock(w.mm.page_table_lock);
      spin_lock_nested(w.mm.page_table_lock);
      expect(contracts(w)).toEqual(['C-RM-2']);
    }, quietScenario({ splitPtl: false, allocSplitPtl: false }));
  });
  it('flags two ptls of one class without spin_lock_nested, and accepts the nested one', () => {
    inWorld(generic, (w) => {
      const a = __pte_alloc_one_(null)!;
      const b = __pte_alloc_one_(null)!;
      spin_lock(a.ptl!);
      spin_lock_nested(b.ptl!);
      spin_unlock(b.ptl!);
      expect(contracts(w)).toEqual([]);
      spin_lock(b.ptl!);
      expect(contracts(w)).toEqual(['C-LK-2']);
      expect(w.violations[0]!.message).toContain('possible recursive locking');
    });
  });
});

describe('lockdep: lock order (C-LK-3)', () => {
  it('flags B then A after A then B, by another actor, before it waits', () => {
    inWorld(generic, (w) => {
      const ptl = __pte_alloc_one_(null)!.ptl!;
      const pml = w.mm.pmdTableLock;
      // cpu0: pml, then ptl nested (the generic order), and keeps pml.
      spin_lock(pml);
      spin_lock_nested(ptl);
      spin_unlock(ptl);
      expect(contracts(w)).toEqual([]);
      // cpu1: ptl, then pml, which cpu0 still holds: the inversion is reported at the attempt.
      w.cur = w.actors[1]!;
      spin_lock(ptl);
      expect(runAs(w, 1, spin_lock_wait(pml))).toBe('blocked');
      expect(contracts(w)).toEqual(['C-LK-3']);
      expect(w.violations[0]!.message).toMatch(/takes pmd_ptl#\d+ \[pmd_ptl\] while holding ptl\(pt@0x[0-9a-f]+\)#\d+ \[ptl\], but pmd_ptl → ptl was established/);
    });
  });
  it('learns orders across steps of interleaved actors and accepts one consistent order', () => {
    inWorld(s390, (w) => {
      const ptl = __pte_alloc_one_(null)!.ptl!;
      for (const cpu of [0, 1, 0]) {
        w.cur = w.actors[cpu]!;
        spin_lock(ptl);
        mm_context_lock(w.mm);
        mm_context_unlock(w.mm);
        spin_unlock(ptl);
      }
      expect(contracts(w)).toEqual([]);
      w.cur = w.actors[1]!;
      mm_context_lock(w.mm);
      spin_lock(ptl);
      expect(contracts(w)).toEqual(['C-LK-3']);
    });
  });
  it('learns no order from a spin_trylock', () => {
    inWorld(generic, (w) => {
      const ptl = __pte_alloc_one_(null)!.ptl!;
      spin_lock(w.mm.pmdTableLock);
      spin_lock_nested(ptl);
      spin_unlock(ptl);
      spin_unlock(w.mm.pmdTableLock);
      spin_lock(ptl);
      spin_lock(w.mm.pmdTableLock, 'spin_trylock');
      expect(contracts(w)).toEqual([]);
    });
  });
});

describe('lockdep: lock held where required (C-LK-1)', () => {
  it('flags a pgtable_list operation without mm->context.lock, and accepts it under the lock', () => {
    inWorld(s390, (w) => {
      const page = __pte_alloc_one_(null)!;
      mm_context_lock(w.mm);
      list_add(page, w.mm.context.pgtable_list);
      mm_context_unlock(w.mm);
      expect(contracts(w)).toEqual([]);
      list_del_init(page, w.mm.context.pgtable_list);
      expect(contracts(w)).toEqual(['C-LK-1']);
    });
  });
});

describe('list integrity (C-LIST-1)', () => {
  it('flags list_add of a listed entry and list_del of an unlisted one; list_del_init of an empty node is legal', () => {
    inWorld(generic, (w) => {
      const page = __pte_alloc_one_(null)!;
      const list = { name: 'test_list', pages: [] };
      list_del_init(page, list);
      list_add(page, list);
      expect(contracts(w)).toEqual([]);
      list_add(page, list);
      list_del(page, list);
      list_del(page, list);
      expect(contracts(w)).toEqual(['C-LIST-1', 'C-LIST-1']);
    });
  });
  it('flags a page freed while on a list', () => {
    inWorld(generic, (w) => {
      const page = __pte_alloc_one_(null)!;
      list_add(page, { name: 'test_list', pages: [] });
      runToEnd(generic.pte_free(null, page));
      expect(contracts(w)).toEqual(['C-LIST-1']);
    });
  });
});

/** Link a fresh table at pmd0 and map it as cpu0; returns the handle and the page. */
function mapped(w: World): { h: MapHandle; page: Page } {
  const page = __pte_alloc_one_(null)!;
  w.mm.pmds[0] = mk_table_pmd(w.vaOfPage(page));
  const g = pte_offset_map(0);
  for (;;) {
    const r = g.next();
    if (r.done) return { h: r.value!, page };
  }
}

describe('use after pte_unmap (C-MAP-13)', () => {
  it('flags a read through a handle already unmapped', () => {
    inWorld(generic, (w) => {
      const { h } = mapped(w);
      ptep_get(h, 0);
      pte_unmap(h);
      expect(contracts(w)).toEqual([]);
      ptep_get(h, 0);
      expect(contracts(w)).toEqual(['C-MAP-13']);
    });
  });
});

describe('an early dtor: C-DT-1 only when the ptlock is freed (C-DT-6 otherwise)', () => {
  for (const [allocSplitPtl, id] of [[true, 'C-DT-1'], [false, 'C-DT-6']] as const) {
    it(`allocSplitPtl ${allocSplitPtl}: ${id}`, () => {
      inWorld(generic, (w) => {
        const { page } = mapped(w);
        w.cur = w.actors[1]!;
        pagetable_dtor(page);
        expect(contracts(w)).toEqual([id]);
        expect(w.violations[0]!.message.includes('frees the separately allocated ptlock')).toBe(allocSplitPtl);
      }, quietScenario({ allocSplitPtl }));
    });
  }
});
