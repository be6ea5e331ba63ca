/**
 * The s390 adapters in a KVM host's guest process: the scenario's mm is a PGSTE mm
 * (`s390_enable_sie()` ran: `mm->context.has_pgste`, `mm_alloc_pgste`), the configuration
 * CONFIG_PGSTE (`def_bool y if KVM`) makes possible in every era whose page-table code still has
 * gmap and PGSTEs (up to the 2026 rework, where ./2026.ts has neither). The hooks are the
 * era's own: with a PGSTE mm `page_table_alloc()` takes the full 4K page path (v6.6: AA = 3,
 * never listed; from the whole-page era every table is 4K with the PGSTEs in its upper half),
 * and `pte_free_tlb()` / `page_table_free_rcu()` call `gmap_unlink()` so the guest's segment
 * table no longer points to the table when it is freed (src/mm/gmap.ts). THP faults are off
 * for such an mm (`thp_split_mm()`: `VM_NOHUGEPAGE`), and the variants declare `THP: false`, so
 * the model never reaches `pte_free_defer()` (with its `WARN_ON_ONCE(mm_has_pgste(mm))`) for
 * them. Simplification: the kernel's `retract_page_tables()` does not check the VMAs it
 * retracts from, so another mm's collapse of a shared shmem/memfd file can reach it; the model
 * has no second process mm (mutation/survivors.json, the pte_free_defer WARN deletions).
 *
 * Mirrors arch/s390/mm/gmap.c `s390_enable_sie`/`thp_split_mm`/`__gmap_link`/`gmap_unlink`,
 * arch/s390/mm/pgalloc.c and arch/s390/include/asm/tlb.h as the base adapters do.
 */
import type { Adapter } from '../../src/kernel';

/**
 * `base` with a PGSTE (KVM guest) mm in every scenario. Each variant is the default export of
 * its own file (./v6.6-kvm.ts, ./v6.13-kvm.ts, ./v6.14-kvm.ts), so `check --adapter FILE` and
 * `npm run mutate` (which judges a mutant with the adapters whose entry file imports it) reach it.
 */
export function kvmGuest(base: Adapter): Adapter {
  return {
    ...base,
    name: `${base.name}-kvm`,
    source: `${base.source}; arch/s390/mm/gmap.c s390_enable_sie/thp_split_mm/__gmap_link/gmap_unlink (PGSTE mm)`,
    description: `${base.description ?? ''} In a KVM guest's PGSTE mm: 4K tables with PGSTEs, linked into the gmap and gmap_unlink()ed before they are freed; no THP.`.trim(),
    declarations: { ...base.declarations, PGSTE: true, THP: false },
  };
}
