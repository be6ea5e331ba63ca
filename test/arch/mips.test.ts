import { runToEnd } from '../../src/model/coroutine';
import { describe, expect, it } from '@jest/globals';
import mips32V6_5 from '../../arch/mips/mips32-xpa-v6.5';
import mips32V6_14 from '../../arch/mips/mips32-xpa-v6.14';
import mips64V6_15 from '../../arch/mips/mips64-v6.15';
import mips64Mmid from '../../arch/mips/mips64-mmid-v6.15';
import b16 from '../../fixtures/broken/b16-mips-update-tlb-no-unmap';
import unalignedPair from '../../fixtures/broken/mips-update-tlb-unaligned-pair';
import { tlb_probe, tlb_write_indexed, tlb_write_random, write_c0_entryhi, write_c0_entrylo0, write_c0_entrylo1 } from '../../src/kernel/mips';
import { cpu_access } from '../../src/mm/hw';
import type { PteInit } from '../../src/engine/scenario';
import { runScenario } from '../../src/engine/runner';
import { inWorld } from '../helpers';
import { archDtors, expectAsmGenericSoftTlbFlush, expectDtorAtUnlinkInPageBatch, finish, tableOf, tablesScenario } from './arch-helpers';

const ALL = [mips32V6_5, mips32V6_14, mips64V6_15];

describe('mips update_mmu_cache(): __update_tlb re-walks with a balanced pte_offset_map/pte_unmap (C-ARCH-1)', () => {
  for (const a of ALL) {
    it(`${a.name}: maps the table again, reads the even/odd pair with IRQs off, unmaps`, () => {
      inWorld(a, (w) => {
        const cpu = w.cur;
        runToEnd(a.update_mmu_cache!(w.mm, 0, 1));
        expect({ rcu: cpu.rcuDepth, handles: cpu.handles.length, irqsOff: cpu.irqsOff, kmap: cpu.kmap.length })
          .toEqual({ rcu: 0, handles: 0, irqsOff: 0, kmap: 0 });
        const acts = w.trace.map((e) => e.action);
        const at = (re: RegExp): number => acts.findIndex((x) => re.test(x));
        const last = (re: RegExp): number => acts.length - 1 - [...acts].reverse().findIndex((x) => re.test(x));
        expect(at(/^local_irq_disable/)).toBeLessThan(at(/^__pte_offset_map\(pmd0\) = pt@/));
        expect(acts.filter((x) => /^ptep_get\(pt@0x[0-9a-f]+\[[01]\]\)/.test(x))).toHaveLength(2);
        expect(at(/^pte_unmap\(/)).toBeGreaterThan(at(/^ptep_get\(pt@0x[0-9a-f]+\[1\]\)/));
        expect(last(/^local_irq_enable/)).toBeGreaterThan(at(/^pte_unmap\(/));
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    });
  }

  it('the B16 fixture (no pte_unmap) leaves the map and its RCU read lock behind', () => {
    inWorld(b16, (w) => {
      runToEnd(b16.update_mmu_cache!(w.mm, 0, 1));
      expect(w.cur.handles).toHaveLength(1);
      expect(w.cur.rcuDepth).toBe(1);
    }, tablesScenario());
  });

  it('a fault through update_mmu_cache ends balanced', () => {
    for (const a of ALL) {
      const sc = tablesScenario({ programs: [[{ k: 'fault', slot: 0, index: 1, write: true }], [], []] });
      const r = runScenario(a, sc);
      expect({ name: a.name, violations: r.violations }).toEqual({ name: a.name, violations: [] });
      expect(r.trace.filter((e) => e.op.startsWith('fault') && /^pte_unmap\(/.test(e.action))).toHaveLength(2);
    }
  });
});

describe('mips32 with 64-bit physical addresses: 2-level, so no pmd halves (only ptep_get_lockless reads two halves)', () => {
  it('reads the pmd as one word: pmdp_get_lockless() has halves only if CONFIG_PGTABLE_LEVELS > 2', () => {
    for (const a of [mips32V6_5, mips32V6_14, mips64V6_15]) {
      expect(a.declarations.GUP_GET_PXX_LOW_HIGH).toBe(false);
      inWorld(a, (w) => {
        runToEnd(a.update_mmu_cache!(w.mm, 0, 0));
        expect(w.trace.some((e) => e.action === 'read pmd0.pmd_high')).toBe(false);
      }, tablesScenario());
    }
  });
});

describe('mips: where the PTE dtor runs, per era', () => {
  for (const a of ALL) {
    it(`${a.name}: at unlink time (${a.era === 'v6.15' ? 'generic tlb_remove_table' : 'arch __pte_free_tlb'}), then the page batch`, () => {
      expectDtorAtUnlinkInPageBatch(a, (_w, tlb) => expect(tlb.batch).toBeNull());
      expect(archDtors(a)).toBe(a.era === 'v6.15' ? 0 : 1);
    });
  }
});

describe('mips64 with MMIDs: the flush is a ginvt broadcast, no IPI', () => {
  it('declares a broadcast flush and is known-bad (suspected) for C-LT-3', () => {
    expect(mips64Mmid.declarations.flushTransport).toBe('broadcast');
    expect(mips64Mmid.declarations.MMU_GATHER_RCU_TABLE_FREE).toBe(false);
    expect(mips64Mmid.knownBad).toMatchObject({ kind: 'suspected', contracts: ['C-LT-3'] });
  });
});

describe('mips flush hooks (arch/mips/tlb.ts)', () => {
  for (const a of [mips32V6_5, mips32V6_14, mips64V6_15]) {
    it(`${a.name}: asm-generic tlb_flush(), smp_on_other_tlbs() IPIs`, () => {
      expectAsmGenericSoftTlbFlush(a, /: IPI/);
    });
  }

  it('mips64-mmid-v6.15: the same flushes as a globalized ginvt, no IPI', () => {
    expectAsmGenericSoftTlbFlush(mips64Mmid, /: broadcast \(no IPI\)$/);
  });
});

/** A world whose slot 0 table holds `ptes` (file pages of the shared mapping). */
function pairScenario(ptes: PteInit[]): ReturnType<typeof tablesScenario> {
  const sc = tablesScenario();
  return { ...sc, slots: sc.slots.map((x, i) => (i === 0 ? { ...x, ptes } : x)) };
}

describe('mips __update_tlb(): the TLB pair it writes (C-MIPS-1)', () => {
  for (const a of ALL) {
    it(`${a.name}: loads EntryLo0/EntryLo1 from the even/odd PTEs and commits both halves`, () => {
      inWorld(a, (w) => {
        const cpu = w.cur;
        runToEnd(a.update_mmu_cache!(w.mm, 0, 1));
        const t = tableOf(w, 0);
        const e0 = t.slots[0]!;
        const e1 = t.slots[1]!;
        if (e0.k !== 'present' || e1.k !== 'present') throw new Error('setup');
        expect(cpu.tlb.get(0)?.page).toBe(e0.page);
        expect(cpu.tlb.get(1)?.page).toBe(e1.page);
        const acts = w.trace.map((e) => e.action);
        expect(acts.filter((x) => /^(write_c0_entryhi|tlb_probe|tlb_write_random)\(/.test(x)).map((x) => x.replace(/\(.*/, ''))).toEqual(['write_c0_entryhi', 'tlb_probe', 'tlb_write_random']);
        // A second fault on the pair finds the entry and overwrites it in place.
        runToEnd(a.update_mmu_cache!(w.mm, 0, 0));
        expect(w.trace.some((e) => e.action.startsWith('tlb_write_indexed('))).toBe(true);
        expect(w.violations).toEqual([]);
      }, pairScenario(['clean', 'dirty']));
    });
  }

  it('an invalid half removes the page from the TLB (the write replaces the whole pair entry)', () => {
    inWorld(mips64V6_15, (w) => {
      const cpu = w.cur;
      const t = tableOf(w, 0);
      const e0 = t.slots[0]!;
      if (e0.k !== 'present') throw new Error('setup');
      cpu.tlb.set(1, { page: e0.page, gen: e0.gen, write: false, dirty: false });
      runToEnd(mips64V6_15.update_mmu_cache!(w.mm, 0, 0));
      expect(cpu.tlb.has(1)).toBe(false);
      expect(cpu.tlb.get(0)?.page).toBe(e0.page);
      expect(w.violations).toEqual([]);
    }, pairScenario(['clean', 'none']));
  });

  it('the unaligned-pair fixture loads the odd PTE into EntryLo0', () => {
    inWorld(unalignedPair, (w) => {
      runToEnd(unalignedPair.update_mmu_cache!(w.mm, 0, 1));
      expect(w.violations.map((v) => v.contract)).toEqual(['C-MIPS-1']);
      expect(w.violations[0]!.message).toMatch(/vpn 0 \(EntryLo0\) to page#\d+ while its PTE is none/);
    }, pairScenario(['none', 'clean']));
  });

  it('a stale EntryLo1 (a register __update_tlb did not write) is a translation the page table does not have', () => {
    inWorld(mips64V6_15, (w) => {
      const t = tableOf(w, 0);
      const e0 = t.slots[0]!;
      if (e0.k !== 'present') throw new Error('setup');
      write_c0_entryhi(w.mm, 0, 0);
      write_c0_entrylo0({ page: e0.page, gen: e0.gen, write: e0.write, dirty: e0.dirty });
      write_c0_entrylo1({ page: e0.page, gen: e0.gen, write: e0.write, dirty: e0.dirty });
      tlb_write_random();
      expect(w.violations.map((v) => v.contract)).toEqual(['C-MIPS-1']);
      expect(w.violations[0]!.message).toMatch(/vpn 1 \(EntryLo1\)/);
    }, pairScenario(['clean', 'none']));
  });

  it('tlb_write_random() over a pair the TLB holds is a second matching entry (machine check)', () => {
    inWorld(mips64V6_15, (w) => {
      runToEnd(mips64V6_15.update_mmu_cache!(w.mm, 0, 0));
      expect(w.violations).toEqual([]);
      tlb_write_random();
      expect(w.violations.map((v) => v.contract)).toEqual(['C-MIPS-1']);
      expect(w.violations[0]!.message).toMatch(/second TLB entry/);
    }, pairScenario(['clean', 'clean']));
  });

  it('the TLB refill (the hardware walk) loads EntryHi with the missing pair and EntryLo0/EntryLo1 with its PTEs', () => {
    inWorld(mips64V6_15, (w) => {
      const t = tableOf(w, 0);
      const e0 = t.slots[0]!;
      if (e0.k !== 'present') throw new Error('setup');
      finish(cpu_access(0, 1, false));
      // The refill cached the odd page; its registers still hold the pair: committing them again
      // (indexed, over the entry the probe finds) gives the even page its own PTE's translation.
      expect(tlb_probe()).toBe(0);
      tlb_write_indexed();
      expect(w.cur.tlb.get(0)?.page).toBe(e0.page);
      expect(w.violations).toEqual([]);
    }, pairScenario(['clean', 'clean']));
  });

  it('EntryHi must name a page of the table (an address computed as NaN is an adapter error)', () => {
    inWorld(mips64V6_15, (w) => {
      expect(() => write_c0_entryhi(w.mm, 0, Number.NaN)).toThrow(/no user address/);
      expect(() => write_c0_entryhi(w.mm, 0, w.cfg.geometry.ptesPerTable)).toThrow(/no user address/);
    }, pairScenario(['clean', 'clean']));
  });
});
