/**
 * arm classic MMU (C-ARCH-5, contracts.md §2.H; S0:470-480): one Linux PTE page holds the two
 * hardware PTE tables of a pmd, one per 1 MB section, and each section has its own first-level
 * entry that the CPU's table-walk cache may hold. So the flush that precedes the free of a PTE
 * page must reach both sections: `__pte_free_tlb()` widens the gather's range under
 * `#ifndef CONFIG_ARM_LPAE` to the last page of the first section and the first page of the
 * second (`addr = (addr & PMD_MASK) + SZ_1M; __tlb_adjust_range(tlb, addr - PAGE_SIZE, 2 * PAGE_SIZE)`).
 *
 * The core model keeps one paging-structure cache entry per pmd slot, so it cannot see a
 * missed section by itself. This property adds the two hardware halves: the monitor follows
 * the trace, and between a table's unlink (`pmd_clear` in free_pgtables or pt_reclaim, or
 * `pmdp_collapse_flush`) and the return of its page to the allocator, the TLB flushes with
 * `freed_tables` must have covered a virtual page in each half of the table's pmd range.
 * The halves of the model's pmd slot are its first and second PTRS_PER_PTE / 2 entries (the
 * model's stand-in for the two 1 MB sections); a drawn table of one PTE has no second half, so
 * only the first is required.
 *
 * It applies to adapters that declare the arm classic MMU: `arch === 'arm'` and an
 * `armLpae: false` marker on the adapter object (arch/arm/common.ts `ArmAdapter`).
 */
import type { Adapter } from '../src/adapter/types';
import type { Property, PropertyMonitor } from '../src/check/property';
import type { World } from '../src/model/world';

/** A table unlinked from `slot`, with the halves of its pmd range a freed_tables flush covered since. */
interface Pending {
  slot: number;
  covered: [boolean, boolean];
}

interface State {
  /** Trace entries already looked at. */
  seen: number;
  /** Unlinked tables not yet freed, by table name (`pt@0x...`). */
  pending: Map<string, Pending>;
}

const states = new WeakMap<World, State>();

/** Trace actions that unlink a table from a pmd (src/mm/memory.ts, pt_reclaim.ts, pgtable_generic.ts). */
const UNLINK = [
  /pmd_clear\(pmd(\d+)\) \((pt@0x[0-9a-f]+)\)/,
  /pmdp_collapse_flush\(pmd(\d+)\): clear (pt@0x[0-9a-f]+)/,
];
/** A TLB flush of the walk cache (freed_tables) over virtual pages a..b (src/mm/tlbflush.ts `arch_invalidate` label). */
const FLUSH = /\(vpn (\d+)\.\.(\d+), walk cache\)/;
/** A table page returned to the allocator (src/kernel/page.ts, src/mm/mmu_gather.ts). */
const FREE = /^(?:release_pages: free |__free_page\(|pagetable_free\(|free_page\(|free_page_and_swap_cache\()(pt@0x[0-9a-f]+)/;

/** Whether `a` declares the arm classic (non-LPAE) MMU. */
export function isArmClassic(a: Adapter): boolean {
  return a.arch === 'arm' && (a as Adapter & { armLpae?: unknown }).armLpae === false;
}

function stateOf(w: World): State {
  let s = states.get(w);
  if (!s) {
    s = { seen: 0, pending: new Map() };
    states.set(w, s);
  }
  return s;
}

/** The model's two hardware halves of slot `slot`: virtual page ranges [lo, hi] of each. */
function halves(w: World, slot: number): [[number, number], [number, number]] {
  const per = w.cfg.geometry.ptesPerTable;
  const half = Math.max(1, Math.floor(per / 2));
  const base = slot * per;
  return [[base, base + half - 1], [base + half, base + per - 1]];
}

const monitor: PropertyMonitor = {
  afterStep(w) {
    if (!isArmClassic(w.adapter)) return;
    const s = stateOf(w);
    for (; s.seen < w.trace.length; s.seen++) {
      const action = w.trace[s.seen]!.action;
      for (const re of UNLINK) {
        const m = re.exec(action);
        if (m) s.pending.set(m[2]!, { slot: Number(m[1]), covered: [false, w.cfg.geometry.ptesPerTable < 2] });
      }
      const f = FLUSH.exec(action);
      if (f) {
        const a = Number(f[1]);
        const b = Number(f[2]);
        for (const p of s.pending.values()) {
          halves(w, p.slot).forEach(([lo, hi], h) => {
            if (a <= hi && b >= lo) p.covered[h] = true;
          });
        }
      }
      const fr = FREE.exec(action);
      if (fr) {
        const name = fr[1]!;
        const p = s.pending.get(name);
        if (!p) continue;
        s.pending.delete(name);
        const missed = p.covered.map((c, h) => (c ? -1 : h)).filter((h) => h >= 0);
        if (missed.length) {
          w.violate('C-ARCH-5', `${name} (pmd${p.slot}) freed although no TLB flush with freed_tables since its unlink covered hardware section ${missed.join(' and ')} of its pmd: that section's first-level entry may still be cached by a table walker (arm classic __pte_free_tlb must widen the range to both 1 MB sections)`);
        }
      }
    }
  },
};

const property: Property = {
  id: 'arm',
  title: 'arm classic MMU: the free of a PTE page flushes both hardware sections of its pmd',
  contracts: ['C-ARCH-5'],
  appliesTo: isArmClassic,
  monitor,
};

export default property;
