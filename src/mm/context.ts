/**
 * Which mm each CPU runs, and the arch flush hooks the generic mm code calls.
 *
 * Context switches (kernel/sched/core.c `context_switch()`, x86 `switch_mm_irqs_off()`): before
 * each op the CPU switches to what runs it. User ops run a task of the mm; khugepaged runs as a
 * kernel thread, which keeps the previous mm loaded as its lazy TLB mm (`enter_lazy_tlb()`); an
 * rmap walk from writeback runs for another mm's task (reclaim or a flusher that last ran
 * another mm), and so does a remote walker (`/proc/PID/smaps`, `get_user_pages_remote()`), outside
 * this mm's `mm_cpumask` on arches that clear it. Switching back to the mm
 * from lazy or other mode flushes the CPU's TLB and walk cache on `clear-on-switch` arches (x86's
 * `tlb_gen` check: a CPU that missed a flush catches up), and on no other arch (ASIDs keep the
 * entries; the arch's flushes reached the CPU while it was in the mask).
 */
import type { Actor, Step } from '../model/actor';
import { callHook } from '../model/coroutine';
import type { MmuGather } from '../model/gather';
import { current } from '../model/world';
import type { Op } from '../engine/ops';
import { flush_tlb_mm, flush_tlb_range } from './tlbflush';

/** The mode a CPU runs `op` in. */
export function modeOf(op: Op): Actor['mode'] {
  switch (op.k) {
    case 'khugepaged': return 'lazy';
    case 'collapse': return op.madvise ? 'user' : 'lazy';
    case 'writeback': return 'other';
    case 'walk': return op.remote ? 'other' : 'user';
    default: return 'user';
  }
}

/** Switch the current CPU to `mode` (one step when it changes anything; none otherwise). */
export function* switch_mm(mode: Actor['mode']): Step {
  const w = current();
  const a = w.cur;
  if (a.mode === mode) return;
  const clears = w.decl.mmCpumask === 'clear-on-switch';
  const from = a.mode;
  if (mode === 'lazy') {
    // A kernel thread: the CPU keeps whatever mm it had loaded; lazy only if that was this mm.
    if (from === 'other') return;
    a.mode = 'lazy';
    w.record('enter_lazy_tlb(mm): kernel thread, mm stays loaded');
    yield;
    return;
  }
  if (mode === 'other') {
    a.mode = 'other';
    if (clears) {
      w.cpumask.delete(a.id);
      a.tlb.clear();
      a.psc.clear();
    }
    w.record(`switch_mm(other mm)${clears ? ': leaves mm_cpumask' : ''}`);
    yield;
    return;
  }
  a.mode = 'user';
  w.cpumask.add(a.id);
  if (clears) {
    a.tlb.clear();
    a.psc.clear();
  }
  w.record(`switch_mm(mm) from ${from}${clears ? ': flushes its TLB and walk cache (tlb_gen)' : ''}`);
  yield;
}

/**
 * The arch's `flush_tlb_range(vma, start, end)` as generic mm code calls it (virtual page
 * indices; `huge`: one pmd's worth, as `pmdp_collapse_flush()` passes). Default: walk caches
 * too for a pmd range, leaf entries only for pages; every CPU of mm_cpumask.
 */
export function* arch_flush_tlb_range(start: number, end: number, huge: boolean, what = 'flush_tlb_range'): Step {
  const w = current();
  const hook = w.adapter.flush_tlb_range;
  if (!hook) {
    yield* flush_tlb_range(start, end, huge, what);
    return;
  }
  w.record(() => `${what}(vpn ${start}..${end - 1}): arch flush_tlb_range`);
  yield* callHook(hook.call(w.adapter, w.mm, start, end, huge));
}

/**
 * The flush a page-table write itself does outside lazy MMU mode on arches that declare
 * `pteWriteFlushes` (sparc64: `set_pte_at()` / `set_pmd_at()` → `tlb_batch_add()` →
 * `global_flush_tlb_page()`): the translations of `[start, end)`, leaf only. Nothing elsewhere.
 */
export function* pte_write_flush(start: number, end: number, what: string): Step {
  if (current().decl.pteWriteFlushes) yield* arch_flush_tlb_range(start, end, false, what);
}

/** `tlb_flush(tlb)`: the arch's, or include/asm-generic/tlb.h's (walk caches when freed_tables). */
export function* arch_tlb_flush(tlb: MmuGather): Step {
  const w = current();
  const hook = w.adapter.tlb_flush;
  if (!hook) {
    // asm-generic tlb_flush(): flush_tlb_mm() for a fullmm gather, else the gathered range.
    if (tlb.fullmm) yield* flush_tlb_mm();
    else yield* flush_tlb_range(tlb.start, tlb.end, tlb.freed_tables, () => `tlb_flush_mmu_tlbonly(tlb#${tlb.id})`);
    return;
  }
  w.record(() => `tlb_flush(tlb#${tlb.id}): arch`);
  yield* callHook(hook.call(w.adapter, tlb));
}
