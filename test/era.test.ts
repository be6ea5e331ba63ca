/**
 * The model's eras (src/adapter/types.ts, src/mm/era.ts): v6.5 ("mm: allow pte_offset_map[_lock]()
 * to fail") and v6.6 ("mm: free retracted page table by RCU", UFFDIO_POISON) are distinct, and
 * every adapter that mirrors v6.6 code (pte_free_defer) is labelled v6.6 or later.
 */
import { describe, expect, it } from '@jest/globals';
import { ADAPTERS } from '../arch';
import armClassicV6_5 from '../arch/arm/classic-v6.5';
import mips32V6_5 from '../arch/mips/mips32-xpa-v6.5';
import nativeV6_6 from '../arch/x86/native-v6.5';
import { ERAS, eraAtLeast, type Adapter } from '../src/adapter/types';
import { adapterProblems } from '../src/adapter/validate';
import { requiredHooks } from '../src/check/coverage';
import { opKinds } from '../src/engine/scenario';
import { fallbackInvalidates, pteMapTakesRcu, retractWithDefer, uffdPoison, zapDelaysRmap } from '../src/mm/era';
import { __pte_offset_map, pte_unmap } from '../src/mm/pgtable_generic';
import { runToEnd } from '../src/model/coroutine';
import { inWorld, quietScenario } from './helpers';

describe('eras', () => {
  it('v6.6 sits between v6.5 and v6.13', () => {
    expect(ERAS).toEqual(['2012', 'v6.5', 'v6.6', 'v6.13', 'v6.14', 'v6.15', '2026']);
    expect(eraAtLeast('v6.6', 'v6.5')).toBe(true);
    expect(eraAtLeast('v6.5', 'v6.6')).toBe(false);
    expect(eraAtLeast('v6.13', 'v6.6')).toBe(true);
  });

  it('RCU in pte_offset_map, the pte_free_defer retract and UFFDIO_POISON are v6.6; delayed rmap and the fallback invalidate predate v6.5', () => {
    for (const f of [pteMapTakesRcu, retractWithDefer, uffdPoison]) {
      expect(f('v6.5')).toBe(false);
      expect(f('v6.6')).toBe(true);
    }
    for (const f of [zapDelaysRmap, fallbackInvalidates]) {
      expect(f('2012')).toBe(false);
      expect(f('v6.5')).toBe(true);
    }
  });

  it('pte_offset_map takes rcu_read_lock from v6.6 on, not in v6.5 (only "to be added later")', () => {
    const sc = quietScenario();
    sc.slots[0] = { ...sc.slots[0]!, table: true };
    for (const [a, rcu] of [[armClassicV6_5, 0], [nativeV6_6, 1]] as const) {
      inWorld(a, (w) => {
        const h = runToEnd(__pte_offset_map(0, 'map'))!;
        expect(w.cur.rcuDepth).toBe(rcu);
        pte_unmap(h);
        expect({ rcu: w.cur.rcuDepth, violations: w.violations }).toEqual({ rcu: 0, violations: [] });
      }, sc);
    }
  });

  it('the v6.5 adapters get UFFDIO_COPY but not UFFDIO_POISON', () => {
    for (const a of [armClassicV6_5, mips32V6_5]) {
      expect(a.era).toBe('v6.5');
      expect(opKinds(a).has('uffd_copy')).toBe(true);
      expect(opKinds(a).has('uffd_poison')).toBe(false);
    }
  });

  it('a v6.5 THP adapter runs no khugepaged (its retract is not modelled) and must not provide pte_free_defer', () => {
    const { pte_free_defer: _defer, ...rest } = nativeV6_6;
    const v6_5: Adapter = { ...rest, name: 'x86-native-v6.5', era: 'v6.5' };
    expect(opKinds(nativeV6_6).has('khugepaged')).toBe(true);
    expect(opKinds(v6_5).has('khugepaged')).toBe(false);
    expect(opKinds(v6_5).has('collapse')).toBe(false);
    expect(requiredHooks(v6_5)).not.toContain('pte_free_defer');
    expect(adapterProblems(v6_5)).toEqual([]);
    expect(adapterProblems({ ...nativeV6_6, era: 'v6.5' })).toEqual([
      'pte_free_defer() is v6.6 code ("mm: free retracted page table by RCU"): label the adapter \'v6.6\' or later, not \'v6.5\'',
    ]);
    expect(adapterProblems({ ...rest, era: 'v6.6' })).toEqual(['declarations.THP is set but pte_free_defer() is missing']);
  });

  it('every in-tree adapter with pte_free_defer() is labelled v6.6 or later', () => {
    const early = ADAPTERS.filter((a) => a.pte_free_defer !== undefined && !eraAtLeast(a.era, 'v6.6')).map((a) => a.name);
    expect(early).toEqual([]);
    const v6_6 = ADAPTERS.filter((a) => a.era === 'v6.6').map((a) => a.name).sort();
    expect(v6_6).toEqual([
      'arm-lpae-v6.6', 'loongarch-v6.6', 'powerpc-book3s64-v6.6', 's390-v6.6', 's390-v6.6-kvm', 'sparc32-v6.6', 'sparc64-v6.6',
      'x86-native-v6.6', 'x86-pae-native-v6.6', 'x86-pae-pv-v6.6', 'x86-pv-v6.6', 'x86_64-xen-pv-v6.6',
    ]);
    expect(ADAPTERS.filter((a) => a.era === 'v6.5').map((a) => a.name).sort()).toEqual(['arm-classic-v6.5', 'mips32-xpa-v6.5']);
  });
});
