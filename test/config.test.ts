/**
 * Issue 12, "Model breadth": the configurations HIGHPTE (highmem PTE tables, C-HP-1), Xen PV
 * page-table pinning (C-XEN-1, C-XEN-2) and s390 PGSTE (KVM guest) mms with their gmap: the
 * model's mechanics, the correct adapters conforming, and each broken fixture failing exactly
 * its documented contract.
 */
import { describe, expect, it } from '@jest/globals';
import armClassic from '../arch/arm/classic-v6.5';
import xenV6_6 from '../arch/x86/xen-pv-v6.6';
import xenV6_14 from '../arch/x86/xen-pv-v6.14';
import xenV6_15 from '../arch/x86/xen-pv-v6.15';
import xen2026 from '../arch/x86/xen-pv-2026';
import pvV6_5 from '../arch/x86/pv-v6.5';
import pvV6_14 from '../arch/x86/pv-v6.14';
import x86V6_15 from '../arch/x86/v6.15';
import x86Y2026 from '../arch/x86/2026';
import xenUnpinWithoutNestLock from '../fixtures/broken/xen-pv-unpin-without-nest-lock';
import xenPgdLeftPinned from '../fixtures/broken/xen-pv-pgd-left-pinned';
import xenUnpinPgdOnly from '../fixtures/broken/xen-pv-unpin-pgd-only';
import { kvmAdapters } from '../arch/s390/kvm-adapters';
import { adapters as x86Adapters } from '../arch/x86';
import { adapters as s390Adapters } from '../arch/s390';
import highpteNoKmap from '../fixtures/broken/highpte-map-without-kmap';
import xenFreePinned from '../fixtures/broken/xen-pv-free-pinned';
import xenUnpinBeforePgd from '../fixtures/broken/xen-pv-unpin-before-pgd';
import s390NoGmapUnlink from '../fixtures/broken/s390-pgste-no-gmap-unlink';
import xenReleaseStaysReadonly from '../fixtures/broken/xen-pv-release-stays-readonly';
import xenReleaseNoUnpin from '../fixtures/broken/xen-pv-release-no-unpin';
import highpteUnmapOutOfOrder from '../fixtures/broken/highpte-unmap-out-of-order';
import { BROKEN } from '../fixtures';
import { PageHighMem } from '../src/model/highmem';
import { __pin_pagetable_pfn, __set_pfn_prot, checkPgdFree, PagePinned } from '../src/kernel/xen';
import { page_address } from '../src/kernel/page';
import { mm_has_pgste } from '../src/kernel/s390';
import { runToEnd } from '../src/model/coroutine';
import { slotAddress } from '../src/mm/memory';
import { tlb_gather_mmu } from '../src/mm/mmu_gather';
import { __pte_offset_map, pte_unmap } from '../src/mm/pgtable_generic';
import { inWorld } from './helpers';
import { failingContracts, finish, tableOf, tablesScenario } from './arch/arch-helpers';

describe('HIGHPTE: highmem PTE tables', () => {
  it('a table from __GFP_HIGHMEM is highmem; pte_offset_map kmaps it and pte_unmap kunmaps it', () => {
    inWorld(armClassic, (w) => {
      const t = tableOf(w, 0);
      expect(PageHighMem(w, t)).toBe(true);
      const h = finish(__pte_offset_map(0, 'map'))!;
      expect(w.cur.kmap).toHaveLength(1);
      pte_unmap(h);
      expect(w.cur.kmap).toHaveLength(0);
      expect(w.violations).toEqual([]);
    }, tablesScenario());
  });

  it('page_address() of a highmem table outside a kmap is C-HP-1', () => {
    inWorld(armClassic, (w) => {
      page_address(tableOf(w, 0));
      expect(w.violations.map((v) => v.contract)).toEqual(['C-HP-1']);
    }, tablesScenario());
  });

  it('lowmem tables (no __GFP_HIGHMEM) are not highmem', () => {
    inWorld(xenV6_14, (w) => {
      expect(PageHighMem(w, tableOf(w, 0))).toBe(false);
    }, tablesScenario());
  });
});

describe('Xen PV: page-table pinning', () => {
  it('pmd_populate pins every table of the pinned mm (paravirt_alloc_pte → xen_alloc_pte)', () => {
    inWorld(xenV6_6, (w) => {
      for (let slot = 0; slot < w.mm.pmds.length; slot++) expect(PagePinned(tableOf(w, slot))).toBe(true);
    }, tablesScenario());
  });

  it('___pte_free_tlb unpins the table (paravirt_release_pte → xen_release_pte) after the pmd was cleared', () => {
    for (const a of [xenV6_6, xenV6_14, xenV6_15, xen2026]) {
      inWorld(a, (w) => {
        const t = tableOf(w, 0);
        w.mm.pmds[0] = 0; // free_pgtables: pmd_clear() first
        runToEnd(a.__pte_free_tlb(tlb_gather_mmu(w.mm, false), t, slotAddress(0)));
        expect(PagePinned(t)).toBe(false);
        expect(w.trace.some((e) => e.action === `HYPERVISOR update_va_mapping(${w.pageName(t)}, PAGE_KERNEL)`)).toBe(true);
        expect(w.violations).toEqual([]);
      }, tablesScenario());
    }
  });

  it('making a table writable while the pinned mm still links it is C-XEN-2', () => {
    inWorld(xenV6_14, (w) => {
      const t = tableOf(w, 0);
      runToEnd(xenV6_14.__pte_free_tlb(tlb_gather_mmu(w.mm, false), t, slotAddress(0)));
      expect(w.violations.map((v) => v.contract)).toEqual(['C-XEN-2']);
    }, tablesScenario());
  });

  it("Xen's own view: a pin of a writable page, an unpin of an unpinned one, a writable mapping of a pinned L1 table are C-XEN-2", () => {
    inWorld(xenV6_6, (w) => {
      const t = tableOf(w, 0);
      const pfn = t.pfn;
      __pin_pagetable_pfn('MMUEXT_UNPIN_TABLE', pfn); // correct: Xen held it pinned
      expect(w.violations).toEqual([]);
      __pin_pagetable_pfn('MMUEXT_UNPIN_TABLE', pfn); // not pinned any more
      __set_pfn_prot(pfn, 'PAGE_KERNEL');
      __pin_pagetable_pfn('MMUEXT_PIN_L1_TABLE', pfn); // writable
      expect(w.violations.map((v) => v.contract)).toEqual(['C-XEN-2', 'C-XEN-2', 'C-XEN-2']);
    }, tablesScenario());
  });

  it('xen_exit_mmap unpins the pgd, then every table', () => {
    inWorld(xenV6_6, (w) => {
      runToEnd(xenV6_6.arch_exit_mmap!(w.mm));
      for (let slot = 0; slot < w.mm.pmds.length; slot++) expect(PagePinned(tableOf(w, slot))).toBe(false);
      expect(w.violations).toEqual([]);
    }, tablesScenario());
  });

  it("a Xen PV adapter runs its era's PARAVIRT ___pte_free_tlb(), with Xen's pv_ops.mmu.release_pte", () => {
    for (const [xen, base] of [[xenV6_6, pvV6_5], [xenV6_14, pvV6_14], [xenV6_15, x86V6_15], [xen2026, x86Y2026]] as const) {
      expect(xen.__pte_free_tlb).toBe(base.__pte_free_tlb);
      expect(base.paravirt_release_pte).toBeUndefined();
      expect(typeof xen.paravirt_release_pte).toBe('function');
      expect(xen.era).toBe(base.era);
    }
  });

  it('pgd_free() at mmdrop of a pgd Xen still holds pinned is C-XEN-1; after xen_exit_mmap it is not', () => {
    inWorld(xenV6_6, (w) => {
      checkPgdFree(w, w.mm);
      expect(w.violations.map((v) => v.contract)).toEqual(['C-XEN-1']);
    }, tablesScenario());
    inWorld(xenV6_6, (w) => {
      runToEnd(xenV6_6.arch_exit_mmap!(w.mm));
      checkPgdFree(w, w.mm);
      expect(w.violations).toEqual([]);
    }, tablesScenario());
  });

  it('the Xen PV adapters are registered, declare no THP (PSE hidden) and no HIGHPTE (x86_64 only)', () => {
    for (const a of [xenV6_6, xenV6_14, xenV6_15, xen2026]) {
      expect(x86Adapters).toContain(a);
      expect(a.declarations.THP).toBe(false);
      expect(a.declarations.HIGHPTE).toBe(false);
      expect(a.declarations.flushTransport).toBe('hypercall');
    }
  });
});

describe('s390 PGSTE (KVM guest) mms', () => {
  it('the -kvm adapters are registered for the eras with gmap, not for 2026', () => {
    expect(kvmAdapters.map((a) => a.name)).toEqual(['s390-v6.6-kvm', 's390-v6.13-kvm', 's390-v6.14-kvm']);
    for (const a of kvmAdapters) {
      expect(s390Adapters).toContain(a);
      expect(a.declarations.PGSTE).toBe(true);
      expect(a.declarations.THP).toBe(false);
    }
    expect(s390Adapters.find((a) => a.era === '2026')!.declarations.PGSTE).toBeUndefined();
  });

  it('the mm has PGSTE and v6.6 hands out full 4K tables (AA = 3, never listed)', () => {
    inWorld(kvmAdapters[0]!, (w) => {
      expect(mm_has_pgste(w.mm)).toBe(true);
      const t = tableOf(w, 0);
      expect((t._refcount.counter >>> 24) & 3).toBe(3);
      expect(w.mm.context.pgtable_list.pages).toEqual([]);
    }, tablesScenario());
  });

  it('pte_free_tlb gmap_unlinks the table, so freeing it later is clean', () => {
    const a = kvmAdapters[2]!;
    inWorld(a, (w) => {
      const t = tableOf(w, 0);
      w.mm.pmds[0] = 0;
      runToEnd(a.__pte_free_tlb(tlb_gather_mmu(w.mm, false), w.vaOfPage(t), slotAddress(0)));
      expect(w.trace.some((e) => e.action.startsWith('gmap_unlink('))).toBe(true);
      expect(w.violations).toEqual([]);
    }, tablesScenario());
  });
});

describe('issue 12 adapters and fixtures', () => {
  it.each([xenV6_6, xenV6_14, xenV6_15, xen2026, ...kvmAdapters])('$name conforms (300 scenarios)', (a) => {
    expect(failingContracts(a, 300, 1)).toEqual({ failed: [], asExpected: true });
  });

  it.each([highpteNoKmap, highpteUnmapOutOfOrder, xenFreePinned, xenUnpinBeforePgd, s390NoGmapUnlink, xenReleaseStaysReadonly, xenReleaseNoUnpin, xenUnpinWithoutNestLock, xenPgdLeftPinned, xenUnpinPgdOnly])('$name fails exactly its documented contracts', (a) => {
    expect(BROKEN.some((b) => b.adapter === a)).toBe(true);
    expect(failingContracts(a, 1500, 1)).toEqual({ failed: [...a.knownBad!.contracts].sort(), asExpected: true });
  });
});
