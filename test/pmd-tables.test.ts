/**
 * The mm's PMD table (src/mm/pgd_range.ts): allocated by the arch's pmd_alloc_one at setup and
 * freed by free_pgd_range()'s pmd_free_tlb at exit_mmap, for sparc64 (a pgtable_cache object,
 * src/kernel/slab.ts) and s390 v6.6 (a CRST table, half 0 of __tlb_remove_table); sparc64's
 * __set_pmd_acct → tlb_batch_pmd_scan flush at pmdp_collapse_flush (C-GA-7 at the collapse copy).
 */
import { describe, expect, it } from '@jest/globals';
import sparc64 from '../arch/sparc/sparc64-v6.6';
import sparc64_2026 from '../arch/sparc/sparc64-2026';
import s390 from '../arch/s390/v6.6';
import s390Kvm from '../arch/s390/v6.6-kvm';
import x86 from '../arch/x86/native-v6.5';
import taggedAsPage from '../fixtures/broken/sparc64-pmd-tagged-as-page';
import noPmdScan from '../fixtures/broken/sparc64-no-pmd-scan';
import crstNoDtor from '../fixtures/broken/s390-crst-no-pmd-dtor';
import { PROPERTIES } from '../properties';
import type { Adapter } from '../src/adapter/types';
import { checkAdapter } from '../src/check/checkAdapter';
import { runScenario } from '../src/engine/runner';
import { kmem_cache_alloc, kmem_cache_free, pgtable_cache } from '../src/kernel/slab';
import { PAGE_SIZE } from '../src/model/types';
import { inWorld, quietScenario } from './helpers';

describe('the PMD table at setup and teardown', () => {
  it('sparc64: a pgtable_cache object, freed with kmem_cache_free after the grace period of its batch', () => {
    inWorld(sparc64, (w) => {
      const pmd = w.mm.pmdTable as number;
      expect(typeof pmd).toBe('number');
      const p = w.pageOfVa(pmd)!;
      expect(p.use).toBe('table');
      expect(p.level).toBe('pmd');
      expect(p.ctorCount).toBe(0);
    });
    const r = runScenario(sparc64, quietScenario());
    expect(r.violations).toEqual([]);
    const text = r.trace.map((e) => e.action).join('\n');
    expect(text).toContain('free_pgd_range: pud_clear(pud)');
    expect(text).toMatch(/kmem_cache_free\(pgtable_cache/);
  });

  it('s390 v6.6: a CRST table with the pmd ctor, dtor in pmd_free_tlb, pagetable_free in __tlb_remove_table (half 0)', () => {
    inWorld(s390, (w) => {
      const pmd = w.mm.pmdTable as number;
      expect(pmd % PAGE_SIZE).toBe(0); // half 0: untagged
      const p = w.pageOfVa(pmd)!;
      expect(p.level).toBe('pmd');
      expect(p.ctorCount).toBe(1);
      expect(w.nrPagetable).toBe(1);
    });
    for (const a of [s390, s390Kvm]) {
      const r = runScenario(a, quietScenario());
      expect(r.violations).toEqual([]);
      const text = r.trace.map((e) => e.action).join('\n');
      expect(text).toContain('free_pgd_range: pud_clear(pud)');
      expect(text).toMatch(/pagetable_dtor\(pt@.*\)[\s\S]*pagetable_free\(pt@/);
    }
  });

  it('an adapter without pmd_alloc_one has no PMD table', () => {
    inWorld(x86, (w) => expect(w.mm.pmdTable).toBeUndefined());
  });
});

describe('kmem_cache_free', () => {
  it('frees only the exact address of a live object; any other pointer frees nothing', () => {
    inWorld(sparc64, (w) => {
      const obj = kmem_cache_alloc(pgtable_cache, 'GFP_KERNEL');
      const p = w.pageOfVa(obj)!;
      kmem_cache_free(pgtable_cache, obj + 1);
      expect(p.use).toBe('table');
      expect(w.violations).toEqual([]);
      kmem_cache_free(pgtable_cache, obj);
      expect(p.use).toBe('free');
    });
  });

  it('a pointer that is not on a slab page WARNs (virt_to_cache)', () => {
    inWorld(sparc64, (w) => {
      kmem_cache_free(pgtable_cache, w.vaOfPage(w.filePages[0]!));
      expect(w.violations.map((v) => v.contract)).toEqual(['C-WARN']);
    });
  });
});

describe('PMD tables and the sparc64 pmd scan: verdicts', () => {
  for (const a of [sparc64, sparc64_2026, s390]) {
    it(`${a.name} conforms (150 runs)`, () => {
      const { result } = checkAdapter(a, PROPERTIES, { runs: 150, seed: 3, adapterRef: a.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
    });
  }
  for (const a of [taggedAsPage, noPmdScan, crstNoDtor] as Adapter[]) {
    it(`${a.name} → ${a.knownBad!.contracts.join(', ')}`, () => {
      const props = PROPERTIES.filter((p) => p.contracts.some((c) => a.knownBad!.contracts.includes(c)));
      const { result } = checkAdapter(a, props, { runs: 300, seed: 1, adapterRef: a.name });
      expect(result.contracts.filter((c) => c.verdict === 'fail').map((c) => c.id).sort()).toEqual([...a.knownBad!.contracts].sort());
    });
  }
});
