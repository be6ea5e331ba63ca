/**
 * The kernel primitives as adapter code calls them (`ptconform/kernel`): each is a preemption
 * point ({@link point}), so another CPU may run between any two primitives an arch hook calls
 * (lock and unlock, atomic read-modify-writes, page-flag tests, list operations, RCU, TLB,
 * allocation and free, table access). Locks wait while contended, and blocking primitives
 * (`tlb_remove_table_sync_one()`, a full table batch flushing inside `tlb_remove_table()`)
 * take their steps in place. The model's own mm code calls the plain versions in the sibling
 * modules.
 *
 * Pure helpers (address conversions, `PTRS_PER_PTE()`, declarations such as
 * `riscv_use_sbi_for_rfence()`, `WARN_ON_ONCE`) are not points: kernel code computes them
 * without touching shared memory.
 */
import type { MapHandle, Step } from '../model/actor';
import { point } from '../model/coroutine';
import type { MmuGather } from '../model/gather';
import type { Mm } from '../model/mm';
import type { Atomic, Page, PageList, RcuHead, SpinLock } from '../model/types';
import * as gather from '../mm/mmu_gather';
import * as notifier from '../mm/mmu_notifier';
import { arch_invalidate as invalidate, tlb_remove_table_sync_one as syncOne, type Invalidation } from '../mm/tlbflush';
import * as irq from './irq';
import * as page from './page';
import * as raw from './raw';
import * as s390 from './s390';
import * as slab from './slab';
import * as sync from './sync';
import * as walk from './walk';
import * as pmdwalk from './pmdwalk';
import * as x86 from './x86';
import * as xen from './xen';

// ------------------------------------------------------------------ locks (waiting while contended)

/** `spin_lock(l)`. */
export const spin_lock = point((l: SpinLock): Step => sync.spin_lock_wait(l), 'spin_lock');
/** `spin_lock_nested(l, SINGLE_DEPTH_NESTING)`. */
export const spin_lock_nested = point((l: SpinLock): Step => sync.spin_lock_wait(l, 'spin_lock_nested'), 'spin_lock_nested');
/** `spin_lock_bh(l)`. */
export const spin_lock_bh = point((l: SpinLock): Step => sync.spin_lock_wait(l, 'spin_lock_bh'), 'spin_lock_bh');
/** `spin_lock_nest_lock(l, nest)`: lockdep checks that `nest` is held (x86 Xen PV `xen_pte_lock()`). */
export const spin_lock_nest_lock = point((l: SpinLock, nest: SpinLock): Step => sync.spin_lock_nest_lock_wait(l, nest), 'spin_lock_nest_lock');
/** `spin_unlock(l)`. */
export const spin_unlock = point((l: SpinLock): void => sync.spin_unlock(l), 'spin_unlock');
/** `spin_unlock_bh(l)`. */
export const spin_unlock_bh = point(sync.spin_unlock_bh);
/** `spin_lock_bh(&mm->context.lock)` (s390). */
export const mm_context_lock = point((mm: Mm): Step => s390.mm_context_lock_wait(mm), 'mm_context_lock');
/** `spin_unlock_bh(&mm->context.lock)` (s390). */
export const mm_context_unlock = point(s390.mm_context_unlock);

// ------------------------------------------------------------------ RCU

/** `rcu_read_lock()`. */
export const rcu_read_lock = point(sync.rcu_read_lock);
/** `rcu_read_unlock()`. */
export const rcu_read_unlock = point(sync.rcu_read_unlock);
/** `call_rcu(head, fn)`: `fn` may be adapter code (a coroutine the RCU engine runs step by step). */
export const call_rcu = point(sync.call_rcu) as (head: RcuHead, fn: (head: RcuHead) => void) => void;

// ------------------------------------------------------------------ atomics and page flags

/** `atomic_read(v)`. */
export const atomic_read = point(sync.atomic_read);
/** `atomic_set(v, i)`. */
export const atomic_set = point(sync.atomic_set);
/** `atomic_inc(v)`. */
export const atomic_inc = point(sync.atomic_inc);
/** `atomic_dec_and_test(v)`. */
export const atomic_dec_and_test = point(sync.atomic_dec_and_test);
/** `atomic_add_return(i, v)`. */
export const atomic_add_return = point(sync.atomic_add_return);
/** `atomic_sub_return(i, v)`. */
export const atomic_sub_return = point(sync.atomic_sub_return);
/** `atomic_xor_bits(v, bits)` (s390). */
export const atomic_xor_bits = point(sync.atomic_xor_bits);
/** `SetPageActive(page)`. */
export const SetPageActive = point(sync.SetPageActive);
/** `ClearPageActive(page)`. */
export const ClearPageActive = point(sync.ClearPageActive);
/** `PageActive(page)`. */
export const PageActive = point(sync.PageActive);
/** `TestClearPageActive(page)`. */
export const TestClearPageActive = point(sync.TestClearPageActive);

// ------------------------------------------------------------------ lists through page->lru

/** `list_add(&page->lru, head)`. */
export const list_add = point(sync.list_add);
/** `list_add_tail(&page->lru, head)`. */
export const list_add_tail = point(sync.list_add_tail);
/** `list_del(&page->lru)`. */
export const list_del = point(sync.list_del);
/** `list_del_init(&page->lru)`. */
export const list_del_init = point(sync.list_del_init);
/** `list_empty(&page->lru)`. */
export const list_empty_node = point(sync.list_empty_node);
/** `list_first_entry_or_null(head, struct page, lru)`. */
export const list_first_entry_or_null = point(sync.list_first_entry_or_null) as (head: PageList) => Page | null;

// ------------------------------------------------------------------ allocation, ctor/dtor, free

/** `alloc_page(gfp)`. */
export const alloc_page = point(page.alloc_page);
/** `pagetable_alloc(gfp, order)`. */
export const pagetable_alloc = point(page.pagetable_alloc);
/** `kmalloc(size, gfp)`. */
export const kmalloc = point(page.kmalloc);
/** `__free_page(page)`. */
export const __free_page = point(page.__free_page);
/** `free_page(addr)`. */
export const free_page = point(page.free_page);
/** `pagetable_free(ptdesc)`. */
export const pagetable_free = point(page.pagetable_free);
/** `free_page_and_swap_cache(page)`. */
export const free_page_and_swap_cache = point(page.free_page_and_swap_cache);
/** `pagetable_pte_ctor(ptdesc)`. */
export const pagetable_pte_ctor = point(page.pagetable_pte_ctor);
/** `pagetable_dtor(ptdesc)`. */
export const pagetable_dtor = point(page.pagetable_dtor);
/** `pagetable_dtor_free(ptdesc)` (v6.14): the dtor, a preemption point, then the free. */
export const pagetable_dtor_free = point(function* (pt: page.Ptdesc): Step {
  page.pagetable_dtor(pt);
  yield;
  page.pagetable_free(pt);
}, 'pagetable_dtor_free');

// ------------------------------------------------------------------ mmu_gather and TLB

/** `tlb_remove_table(tlb, table)`: a full batch is flushed and freed inside the call. */
export const tlb_remove_table = point(gather.tlb_remove_table) as (tlb: MmuGather, table: unknown) => void;
/** `tlb_remove_ptdesc(tlb, pt)`. */
export const tlb_remove_ptdesc = point(gather.tlb_remove_ptdesc) as (tlb: MmuGather, pt: page.Ptdesc) => void;
/** `tlb_remove_page(tlb, page)`: a full batch is flushed and freed inside the call. */
export const tlb_remove_page = point(gather.tlb_remove_page) as (tlb: MmuGather, p: Page) => void;
/** `tlb_remove_page_ptdesc(tlb, pt)`. */
export const tlb_remove_page_ptdesc = point(gather.tlb_remove_page_ptdesc) as (tlb: MmuGather, pt: page.Ptdesc) => void;
/** `put_page(page)`. */
export const put_page = point(gather.put_page);
/**
 * What an arch's TLB invalidation does, for its `tlb_flush()` / `flush_tlb_range()` hooks:
 * virtual pages `[start, end)` on this CPU and on the CPUs the declared transport reaches
 * (waiting for IPIs), walk caches too when `how.walkCache`, lazy-TLB CPUs too when
 * `how.includeLazy` (src/mm/tlbflush.ts).
 */
export const arch_invalidate = point(invalidate) as (start: number, end: number, how: Invalidation) => void;
/** `synchronize_rcu()`: waits for a full grace period. */
export const synchronize_rcu = point(gather.synchronize_rcu) as () => void;
/** `tlb_remove_table_sync_one()`: an IPI to every CPU, waiting for each to take it. */
export const tlb_remove_table_sync_one = point(syncOne) as () => void;

// ------------------------------------------------------------------ arch odds and ends

/** `local_irq_save(flags)`. */
export const local_irq_save = point(irq.local_irq_save);
/** `local_irq_restore(flags)`. */
export const local_irq_restore = point(irq.local_irq_restore);
/** `pte_offset_map(pmd, address)` from arch code. */
export const pte_offset_map = point(walk.pte_offset_map_step, 'pte_offset_map') as (mm: Mm, slot: number) => MapHandle | null;
/** `pte_offset_map(&pmd, address)` from arch code, `pmd` a stack copy of the pmd of `slot` (not re-read). */
export const pte_offset_map_copy = point(walk.pte_offset_map_copy_step, 'pte_offset_map') as (mm: Mm, slot: number, pmdval: number) => MapHandle | null;
/** `pte_unmap(pte)`. */
export const pte_unmap = point(walk.pte_unmap);
/** `ptep_get(pte + index)`. */
export const ptep_get = point(walk.ptep_get);
/** `paravirt_release_pte(pfn)` (x86). */
export const paravirt_release_pte = point(x86.paravirt_release_pte);
/** `WRITE_ONCE(((unsigned long *)table)[index], value)`. */
export const write_table_word = point(raw.write_table_word);
/** `mmgrab(mm)` (s390 RCU callbacks). */
export const mmgrab = point(s390.mmgrab);
/** `mmdrop_async(mm)`. */
export const mmdrop_async = point(s390.mmdrop_async);
/** `gmap_unlink(mm, table, vmaddr)` (s390). */
export const gmap_unlink = point(s390.gmap_unlink);



/** `PagePinned(page)` (Xen PV). */
export const PagePinned = point(xen.PagePinned);
/** `SetPagePinned(page)` (Xen PV). */
export const SetPagePinned = point(xen.SetPagePinned);
/** `ClearPagePinned(page)` (Xen PV). */
export const ClearPagePinned = point(xen.ClearPagePinned);
/** `xen_page_pinned(mm->pgd)` (Xen PV). */
export const xen_pgd_pinned = point(xen.xen_pgd_pinned);
/** `__set_pfn_prot(pfn, prot)`: a `HYPERVISOR_update_va_mapping` (Xen PV). */
export const __set_pfn_prot = point(xen.__set_pfn_prot);
/** `__pin_pagetable_pfn(cmd, pfn)`: an `mmuext_op` (Xen PV). */
export const __pin_pagetable_pfn = point(xen.__pin_pagetable_pfn);
/** `xen_do_pin(MMUEXT_UNPIN_TABLE, pgd)` at the start of `xen_pgd_unpin()` (Xen PV). */
export const xen_unpin_pgd = point(xen.xen_unpin_pgd);
/** `pte_offset_kernel(pmd, address)` from arch code: a direct-map table address (kernel tables). */
export const pte_offset_kernel = point(walk.pte_offset_kernel);
/** `pmdp_get(pmd)`: read the pmd of `slot` (arch debug re-walks). */
export const pmdp_get = point(pmdwalk.pmdp_get);
/** `pte_offset_map_nolock(mm, pmd, addr, &ptl)` from arch code (the handle's `ptl`). */
export const pte_offset_map_nolock = point(pmdwalk.pte_offset_map_nolock_step, 'pte_offset_map_nolock') as (mm: Mm, slot: number) => MapHandle | null;
/** `assert_spin_locked(ptl)`. */
export const assert_spin_locked = point(pmdwalk.assert_spin_locked);
/**
 * `mmu_notifier_arch_invalidate_secondary_tlbs(mm, start, end)` (v6.6+): an arch's TLB flush
 * ends with it so that secondary MMUs (SVA IOMMUs) drop their IOTLB and walk-cache entries of
 * the range (src/mm/mmu_notifier.ts); a no-op without a bound secondary MMU or before v6.6.
 */
export const mmu_notifier_arch_invalidate_secondary_tlbs = point(notifier.mmu_notifier_arch_invalidate_secondary_tlbs);

// ------------------------------------------------------------------ PMD tables (./slab.ts)

/** `kmem_cache_alloc(cache, gfp)` (sparc64 `pgtable_cache`). */
export const kmem_cache_alloc = point(slab.kmem_cache_alloc);
/** `kmem_cache_free(cache, obj)`. */
export const kmem_cache_free = point(slab.kmem_cache_free);
/** `pagetable_pmd_ctor(ptdesc)`. */
export const pagetable_pmd_ctor = point(slab.pagetable_pmd_ctor);
/** `pagetable_pmd_dtor(ptdesc)` (v6.6; `pagetable_dtor` from v6.14): the PTE dtor's checks and counts. */
export const pagetable_pmd_dtor = point(page.pagetable_dtor, 'pagetable_pmd_dtor');
