/**
 * The contracts ptconform checks, with the IDs of `shared/domain/contracts.md` §2.
 *
 * Each entry names the property (contract family) that checks it, a one-line summary and the
 * seed lines it comes from. `C-TD-1` is ptconform's own: the leak check at teardown, which
 * contracts.md describes only through its bugs (B5's lost callback, B20's rss counter); so is
 * `C-HUGE-1`, hugetlb PMD unsharing against GUP-fast (src/mm/hugetlb.ts).
 */

/** One checkable contract. */
export interface Contract {
  /** Stable ID, e.g. `C-LT-1`. */
  id: string;
  /** Property file (in `properties/`) that checks it. */
  property: string;
  /** One-line statement. */
  summary: string;
  /** Seed reference (contracts.md citation keys S0..S4 with line numbers). */
  seed: string;
}

const c = (id: string, property: string, summary: string, seed: string): Contract => ({ id, property, summary, seed });

/** Every contract the model can report, in catalog order. */
export const CONTRACTS: readonly Contract[] = [
  // 2.A mapping API
  c('C-MAP-1', 'map-balance', 'pte_offset_map takes rcu_read_lock before reading *pmd; on failure it has already dropped it and returns NULL', 'S2:2097-2160'),
  c('C-MAP-2', 'map-balance', 'every successful pte_offset_map* is balanced by exactly one pte_unmap on the same actor before it returns or sleeps', 'S2:2110-2150, S2:6672-6690'),
  c('C-MAP-3', 'map-balance', '__pte_offset_map succeeds only when the pmd value it read points to a PTE table (fails on none, migration, huge, bad)', 'S2:2089-2091, S2:1060-1062'),
  c('C-MAP-5', 'lock-recheck', 'pte_offset_map_lock returns with the ptl of a table still linked at *pmd (pmd_same recheck after locking), or NULL', 'S2:1054-1064'),
  c('C-MAP-6', 'lock-recheck', 'while an actor holds the ptl from pte_offset_map_lock, nobody clears or replaces that pmd without the same ptl', 'S2:1062-1064, S2:1445-1450'),
  c('C-MAP-7', 'lock-recheck', 'a nolock/rw_nolock caller that writes entries must first validate (pmd_same, pte_same, or exclusive mmap lock)', 'S2:1075-1082'),
  c('C-MAP-8', 'detached-empty', 'a reader of a concurrently detached table sees a valid table of none entries (or tolerated markers) until pte_unmap', 'S2:1068-1073, S2:6958-6960'),
  c('C-MAP-9', 'map-balance', 'every caller handles NULL from pte_offset_map* (skip, fail or retry); none dereferences it', 'S2:6659-6666'),
  c('C-MAP-13', 'map-balance', 'values needed from a mapped PTE are read before pte_unmap: no read or write through a pte_offset_map* pointer after its pte_unmap', 'S2:6021-6107'),
  c('C-MAP-15', 'pae', 'on GUP_GET_PXX_LOW_HIGH configs a successful map points to a table built from matched pmd_low/pmd_high halves', 'S2:1988-2096'),
  // 2.B removal and locking
  c('C-RM-1', 'lock-recheck', 'outside free_pgtables a PTE table is unlinked only under pmd_lock and, nested, its own ptl', 'S2:1445-1450, S2:307-321'),
  c('C-RM-2', 'lock-recheck', 'when ptl == pml the lock is taken once, and every release matches an acquire', 'S2:277-328'),
  c('C-RM-3', 'detached-empty', 'a table detached by retract/collapse (or PT_RECLAIM) holds no present PTE, swap entry or WP marker when its pmd is cleared', 'S2:309-318, S2:337-413'),
  c('C-RM-6', 'lock-recheck', 'outsiders (khugepaged) never pte_offset_map a table of a detached VMA or an exiting mm: free_pgtables frees it without the ptl and maybe without RCU', 'S2:1084-1088, S2:1320'),
  c('C-RM-7', 'lock-recheck', 'after dropping and retaking the mmap lock (collapse_pte_mapped_thp looks up its own VMA), the caller revalidates its saved vma before using it', 'S2:748-790, S2:702-747'),
  c('C-RM-13', 'lock-recheck', 'pmd_same() is total and correct for pmds that point to page tables', 'S2:2332-2435'),
  // 2.C lifetime
  c('C-LT-1', 'lifetime', 'a table page is not freed, reused or dtor\'d while any pte_offset_map reader of it is before its pte_unmap', 'S2:1068-1073, S0:17-22'),
  c('C-LT-2', 'lifetime', 'an unlinked table is freed only after every CPU paging-structure cache (and secondary MMU) that may point to it was flushed', 'S2:1383-1388, S3, S4:7-10'),
  c('C-LT-3', 'lifetime', 'a table is freed only when no IRQs-off lockless walker (gup_fast) can still be walking it: IPI flush, RCU GP, or sync IPI after unlink', 'S1:10-21, S2:2659-2671'),
  c('C-LT-4', 'lifetime', 'pte_free_defer frees the table only after a full RCU grace period that began after the call; the page is not handed out before', 'S2:1539-1626, S2:1684-1690'),
  c('C-LT-5', 'defer-alloc', 'pte_free_defer allocates no memory and does not route through tlb_remove_table', 'S2:1544, S2:2659-2684'),
  c('C-LT-6', 'detached-empty', 'between deferral and the end of the grace period no metadata is written into the table memory', 'S2:6819-6843, S2:7160-7195'),
  c('C-LT-7', 'rcu-head', 'an rcu_head is passed to call_rcu at most once until its callback starts; one outstanding call_rcu per page', 'S2:7293-7347'),
  c('C-LT-8', 'rcu-head', 'while page->rcu_head is queued the page is on no list through lru/pt_list (they overlay)', 'S2:1560-1570, S2:7155-7160'),
  c('C-LT-9', 'rcu-head', 'an RCU callback that frees page tables does not dereference the mm, which may already be freed', 'S2:1684-1690, S2:7127-7138'),
  c('C-LT-11', 'lifetime', 'a table given to tlb_remove_table is freed only after the TLB invalidate and (RCU_TABLE_FREE) a grace period on its batch', 'S1:101-145, S0:413-441'),
  c('C-LT-13', 'dtor', 'page tables are freed with pagetable_free, never free_page_and_swap_cache', 'S0:23-24, S0:870-880'),
  // 2.D ctor/dtor
  c('C-DT-1', 'dtor', 'pagetable_dtor runs exactly once per ctor, before the page returns to the allocator and after every possible ptlock use', 'S0:17-22, S2:6887-6899'),
  c('C-DT-3', 'dtor', 'no spin_lock/unlock on a ptlock that the dtor has freed (ALLOC_SPLIT_PTLOCKS)', 'S2:4902-4906'),
  c('C-DT-6', 'dtor', 'with an embedded (or unsplit) ptlock, pagetable_dtor still runs only after every pte_offset_map reader of the table is gone (after its grace period): never while the table is reachable', 'S0:17-22, S2:6887-6899, S2:4902-4906 (ptconform: C-DT-1 without the ptlock free)'),
  // 2.E gather / rmap / dirty
  c('C-GA-1', 'delayed-rmap', 'a zapped data page is freed only after a TLB flush covering its PTE completed on every CPU', 'S4:7-10'),
  c('C-GA-2', 'delayed-rmap', 'a dirty file page is set_page_dirty at zap and, with tlb_delay_rmap, loses its rmap only after the flush and before the ptl is dropped', 'S4:11-47, S4:181-219'),
  c('C-GA-4', 'delayed-rmap', 'tlb->delayed_rmap == 0 at each pte_unmap_unlock in zap_pte_range', 'S4:212-219'),
  c('C-GA-7', 'delayed-rmap', 'no write through a stale TLB entry reaches a page whose PG_dirty is clear and which rmap no longer shows mapped (lost dirty data)', 'S4:11-28'),
  c('C-GA-8', 'delayed-rmap', 'page_mapcount never goes below zero', 'S4:196-204'),
  c('C-GA-9', 'delayed-rmap', 'a path that cleared PTEs and aborts still flushes the TLB for them', 'S2:75-90'),
  c('C-GA-10', 'delayed-rmap', 'a present user PTE is cleared through ptep_clear() (page_table_check accounting), never a bare pte_clear()', 'S2:516-598'),
  // lock rules (ptconform: a small lockdep, src/model/lockdep.ts)
  c('C-LK-1', 'lockdep', 'a primitive that needs a lock runs with it held: s390 pgtable_list operations under mm->context.lock, PTE writes through pte_offset_map/_lock under the table\'s ptl', 'S2:4088-4095 (ext: pgtable_list under mm->context.lock), S2:1054-1064, S3'),
  c('C-LK-2', 'lockdep', 'no task takes a lock it already holds, or a second lock of the same class without spin_lock_nested (self-deadlock; ptl == pml stays C-RM-2)', 'S2:269-328, S2:1952-1987'),
  c('C-LK-3', 'lockdep', 'lock classes (ptl, pmd_ptl, page_table_lock, context.lock, mmap_lock, i_mmap_rwsem) are always taken in one order: no AB-BA inversion', 'S2:2261-2300 (B29), S2:269-275'),
  // list integrity
  c('C-LIST-1', 'lists', 'page->lru lists stay well-formed: no list_add of an entry already on a list, no list_del of an entry on none, no page freed while on a list', 'S2:1560-1570, S2:2800-2802 (ptconform: CONFIG_DEBUG_LIST)'),
  // teardown
  c('C-TD-1', 'teardown', 'at teardown every table page is dtor\'d and freed, no callback is lost, NR_PAGETABLE and rss counters are zero (ptconform; from B5, B20 and S2:391)', 'S2:391, S2:7293-7347'),
  // arch-specific
  c('C-S390-1', 's390', 'for each 2K half AA and PP are never both set; page_table_alloc hands out a half only if neither is set', 'S2:2800-2802, ext'),
  c('C-S390-3', 's390', 'a PageActive page is never on pgtable_list and neither half is handed out again', 'S2:792-818, S2:1640-1645'),
  c('C-S390-4', 's390', 'release happens exactly once, when the last AA/PP bit clears; call_rcu if Active, else immediate', 'S2:1640-1645, S2:1684-1690'),
  c('C-S390-6', 's390', '__tlb_remove_table never touches the mm or pgtable_list', 'S2:4088-4095, S2:2718-2722'),
  c('C-S390-8', 's390', 'pte_free_defer is never used on a PGSTE (KVM guest) mm', 'S2:792-818, S2:2826-2938'),
  c('C-S390-9', 's390', 'fragment decisions use only the upper byte of _refcount; speculative get/put on the low bits change nothing', 'S2:4885-4892'),
  c('C-PPC-1', 'powerpc', 'a freed fragment is never handed out again; pt_frag_refcount never goes below zero', 'S2:1815-1817, S2:6880-6884'),
  c('C-PPC-2', 'powerpc', 'pte_free_defer sets PageActive then frees its fragment; whichever fragment free reaches zero sees and consumes Active (no page freed with PG_active)', 'S2:3115-3139, S2:1803-1893'),
  c('C-PPC-3', 'powerpc', 'a deferred fragment page is freed only after a GP that starts after the last fragment release; one call_rcu per page', 'S2:1803-1893, S2:6919-6922'),
  c('C-PAE-1', 'pae', 'on GUP_GET_PXX_LOW_HIGH configs retract/collapse call pmdp_get_lockless_sync() after pmdp_collapse_flush()', 'S2:2004-2041'),
  c('C-SPARC-1', 'sparc', 'sparc64 pgtable_t is pte_t *; pte_free_defer converts with virt_to_page and frees page_address() after one GP', 'S2:1736-1802'),
  c('C-ARCH-1', 'map-balance', 'an arch helper that re-maps inside update_mmu_cache (mips __update_tlb) unmaps what it mapped', 'S2:4691-4752'),
  // arch code's own assertions (ptconform: the kernel would splat or die there)
  c('C-WARN', 'arch-asserts', 'no WARN_ON*() in arch code fires on an interleaving the kernel allows (the kernel prints a splat; panic_on_warn stops)', 'ptconform'),
  c('C-BUG', 'arch-asserts', 'no BUG_ON() in arch code fires on an interleaving the kernel allows (the kernel dies there)', 'ptconform'),
  c('C-ARCH-5', 'arm', 'arm classic __pte_free_tlb widens the flush range to the two hardware tables of the page', 'S0:470-480'),
  c('C-HUGE-1', 'lifetime', 'huge_pmd_unshare() flushes and waits for IRQs-off walkers (tlb_remove_table_sync_one) before dropping i_mmap_rwsem: no GUP-fast of the unsharing mm reads the shared hugetlb pmd table once its last sharer may reuse it', 'ptconform; mm/hugetlb.c 1013af4f585f, a4a118f2eead'),
  // configurations (issue 12): HIGHPTE, Xen PV pinning
  c('C-HP-1', 'highpte', 'a PTE table allocated from highmem (__GFP_HIGHMEM) is reached only through kmap_local (pte_offset_map with CONFIG_HIGHPTE), never through page_address() or the direct map', 'S2:2111-2130 (ptconform: include/linux/pgtable.h __pte_map, include/linux/highmem.h)'),
  c('C-XEN-1', 'xen', 'Xen PV: a page-table page returns to the allocator only after paravirt_release_pte() unpinned it (never while Xen holds it as a pinned L1 table), and a pgd only after xen_exit_mmap() unpinned it (pgd_free() at mmdrop)', 'S1:72-99 (ptconform: arch/x86/xen/mmu_pv.c xen_release_ptpage)'),
  c('C-XEN-2', 'xen', 'Xen PV: a table is linked into a pinned mm only after paravirt_alloc_pte() pinned it, made writable again only after its pmd was cleared, and written (set_pte_at) only while Xen validates it or the guest maps it writable', 'S1:72-99 (ptconform: arch/x86/xen/mmu_pv.c xen_alloc_ptpage/xen_release_ptpage)'),
  c('C-RM-12', 'arch-asserts', 'assertion helpers tolerate collapse transitions: powerpc assert_pte_locked() returns on pmd_none, since anon collapse ptep_clear()s the old table after pmdp_collapse_flush()', 'S2:820-956'),
  c('C-S390-7', 's390', 'pgtable_list holds exactly the pages a 2K half can be reused from: one half allocated, the other free (no PP), not PageActive; no free half is lost to reuse', 'S2:2600-2615, S2:2692-2725 (ptconform: arch/s390/mm/pgalloc.c v6.6 page_table_alloc/page_table_free/page_table_free_rcu)'),
  c('C-TD-2', 'teardown', 'a PTE table is allocated as one order-0 page (every arch\'s PTE table fits in one): a larger order keeps the rest of its pages unused for the table\'s lifetime, the waste 2K fragments and C-S390-7 exist to avoid', 'ptconform (pagetable_alloc(gfp, 0) in every arch\'s pte_alloc_one)'),
  c('C-MIPS-1', 'mips', 'a TLB entry mips __update_tlb() writes translates each page of its even/odd pair as that page\'s PTE does at the write, or not at all, and tlb_write_random() never adds a second entry for a pair the TLB holds', 'S2:4691-4752 (ptconform: arch/mips/mm/tlb-r4k.c __update_tlb, EntryLo0/EntryLo1)'),
  c('C-FORK-1', 'fork', 'once dup_mmap() has flushed the parent (flush_tlb_mm(oldmm)), no secondary MMU (SVA IOTLB) of the parent still holds a writable translation of a page fork write-protected and shares copy-on-write with the child', 'ptconform: kernel/fork.c dup_mmap() flush_tlb_mm(oldmm), mm/mmu_notifier.c arch_invalidate_secondary_tlbs (v6.6+)'),
];

/** Look a contract up by ID; throws on an unknown ID (a programming error in a property or fixture). */
export function contractById(id: string): Contract {
  const found = CONTRACTS.find((x) => x.id === id);
  if (!found) throw new Error(`unknown contract ${id}`);
  return found;
}
