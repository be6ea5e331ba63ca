/**
 * `ptconform new-arch NAME [--dir DIR]`: scaffold an out-of-tree adapter DIR/NAME.ts from the
 * generic v6.14 adapter (arch/generic/v6.14.ts). The file imports only `ptconform/kernel`, so
 * `ptconform check --adapter DIR/NAME.ts` runs on it at once, and it conforms as generated;
 * every hook carries a TODO saying what to replace with the arch's own code. An existing file
 * is never overwritten (exit 2). Next to it goes a DIR/tsconfig.json (unless DIR has one) with
 * the options `check` type-checks adapters with and `paths` to this installation's
 * declarations, so that an editor and `npx tsc --noEmit -p DIR` resolve `ptconform/kernel`.
 */
import fs from 'fs';
import path from 'path';
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { adapterTsconfigOptions } from '../adapter/compilerOptions';
import { UsageError } from '../adapter/load';
import { ERAS } from '../adapter/types';
import { writeFileAtomic } from '../results/atomicWrite';
import { out } from './output';
import { checkOutputTargets } from './outputPaths';

/** Options of `new-arch`. */
export interface NewArchCliOptions {
  dir: string;
}

/** Adapter names usable as file names and registry names: letters, digits, `.`, `_`, `-`. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The text of a new adapter module named `name` (see the module comment). */
export function scaffoldAdapter(name: string): string {
  return `/**
 * ${name}: an out-of-tree ptconform adapter, scaffolded by \`ptconform new-arch ${name}\` from the
 * generic v6.14 adapter (include/asm-generic/pgalloc.h, include/asm-generic/tlb.h,
 * mm/mmu_gather.c, mm/pgtable-generic.c). As generated it conforms: run
 *
 *   npx ptconform check --adapter ${name}.ts
 *
 * then replace each hook marked TODO with your architecture's code, in the kernel's shape (same
 * function names, same control flow, a comment citing file, function and kernel version), and
 * set the declarations to your Kconfig. Kernel primitives come from 'ptconform/kernel'.
 */
import {
  __pte_alloc_one, call_rcu, GFP_PGTABLE_USER, page_ptdesc, pagetable_dtor_free, pte_free_now, tlb_remove_ptdesc,
  type Adapter, type Page,
} from 'ptconform/kernel';

const adapter: Adapter = {
  name: ${JSON.stringify(name)},
  // TODO: your architecture's directory under arch/ in the kernel, e.g. 'riscv'. A placeholder
  // is harmless: only 'arm' selects an arch-specific property (properties/arm.ts).
  arch: 'TODO',
  // TODO: the kernel version your code mirrors, one of ${ERAS.map((e) => `'${e}'`).join(', ')}.
  // This is not cosmetic: it selects the generic mm code the model runs around your hooks
  // (src/mm/era.ts). 'v6.14' matches the generic code the hooks below were copied from.
  // pte_free_defer() and khugepaged's lockless retract are v6.6 code: before 'v6.6' delete
  // pte_free_defer() (v6.5's mmap_write_trylock retract is not modelled).
  era: 'v6.14',
  // TODO: kernel file(s), function(s) and version you mirror.
  source: 'TODO: arch/<arch>/include/asm/pgalloc.h pte_alloc_one/pte_free/__pte_free_tlb (v6.14); scaffolded from include/asm-generic',
  description: 'TODO: one line for \`ptconform list\` and the report.',

  // Kconfig-like declarations. The model derives the generic code paths it runs and the
  // properties that apply from them, so a declaration that claims less than your kernel does
  // hides bugs. "Safe" below means: checks at least as much as the real configuration would,
  // and matches the generic hooks of this file (so the scaffold conforms as generated).
  declarations: {
    // Safe: SMP is where every race lives; a UP declaration would skip all concurrent cases.
    SMP: true,
    // Safe: THP turns on khugepaged retract/collapse and the pte_free_defer() contracts
    // (C-LT-4, C-LT-5). Set false only if your arch cannot select TRANSPARENT_HUGEPAGE; then
    // delete pte_free_defer() too.
    THP: true,
    // Fact about your arch: only 32-bit arches with highmem PTE pages set it.
    HIGHPTE: false,
    // Safe: 'both' makes the model draw split and unsplit PTE ptlocks per run, so the hooks are
    // checked under either Kconfig choice. Pin to true/false once you know yours.
    SPLIT_PTE_PTLOCKS: 'both',
    // Safe: 'both' checks an embedded ptlock and a separately allocated one (freed by the dtor,
    // the case where a dtor that runs too early is a use-after-free, C-DT-3).
    ALLOC_SPLIT_PTLOCKS: 'both',
    // Must match the hooks: __pte_free_tlb() below queues tables with tlb_remove_ptdesc(), which
    // goes through the table batch and frees them after an RCU grace period. This is also the
    // safe choice for lockless walkers (GUP-fast) when the TLB flush sends no IPI.
    MMU_GATHER_TABLE_FREE: true,
    MMU_GATHER_RCU_TABLE_FREE: true,
    // Fact about your arch: only 32-bit arches whose pmd is read in two halves (x86 PAE, mips XPA).
    GUP_GET_PXX_LOW_HIGH: false,
    // Safe: v6.14's empty PTE table reclaim makes tables freed through mmu_gather reachable by
    // RCU walkers, which is where an early dtor or early free shows up (C-DT-1/C-DT-6, C-LT-1).
    PT_RECLAIM: true,
    // Safe: 'broadcast' (hardware broadcast, no IPI) assumes the least. A TLB flush by IPI would
    // also hold off IRQs-off walkers; declaring it when your flush does not send one hides bugs.
    // Declare 'ipi', 'hypercall' or 'sbi' only if that is what your flush_tlb_*() does.
    flushTransport: 'broadcast',
    // Must match pte_alloc_one(): one page-sized PTE table per page, handled as a struct page.
    // powerpc-style fragments need tablesPerPage > 1 and pgtableIsPtePointer true.
    tablesPerPage: 1,
    pgtableIsPtePointer: false,
    // Safe: every arch but sparc32 runs pagetable_pte_ctor()/pagetable_dtor() (contracts.md Q6);
    // it turns on the dtor contracts (C-DT-*).
    ctorDtor: true,
    // Fact: tlb_delay_rmap() is SMP && !s390.
    tlbDelayRmap: true,
    // The kernel's semantics since RCU flavours were consolidated (contracts.md Q1): IRQs-off
    // sections hold off plain call_rcu() grace periods. false is a stress setting that documents
    // a dependency on IPIs and is expected to fail with a 'broadcast' flush.
    irqOffIsRcuReader: true,
  },

  /*
   * TODO pte_alloc_one: your arch's pte_alloc_one(). Generic: include/asm-generic/pgalloc.h
   * pte_alloc_one() → __pte_alloc_one(mm, GFP_PGTABLE_USER): allocate a page, run
   * pagetable_pte_ctor(), return NULL (null) on failure.
   */
  pte_alloc_one(mm) {
    return __pte_alloc_one(mm, GFP_PGTABLE_USER);
  },

  /*
   * TODO pte_free: your arch's pte_free(), the immediate free of a table no walker can reach.
   * Generic: include/asm-generic/pgalloc.h pte_free() → pagetable_dtor_free().
   */
  pte_free(_mm, pte_page) {
    pagetable_dtor_free(page_ptdesc(pte_page as Page));
  },

  /*
   * TODO pte_free_defer: (THP only) free a retracted table after an RCU grace period, never at
   * once (C-LT-4). Generic: mm/pgtable-generic.c pte_free_defer() → call_rcu(&page->rcu_head,
   * pte_free_now), whose callback calls pte_free(). Delete it if THP is false.
   */
  pte_free_defer(_mm, pgtable) {
    call_rcu((pgtable as Page).rcu_head, pte_free_now);
  },

  /*
   * TODO __pte_free_tlb: free a PTE table through mmu_gather. Generic: include/asm-generic/tlb.h
   * __pte_free_tlb() → tlb_remove_ptdesc(tlb, page_ptdesc(pte)). Do not run the dtor here: since
   * v6.14 it runs in __tlb_remove_table(), after the grace period (C-DT-1, C-DT-6).
   */
  __pte_free_tlb(tlb, pte, _address) {
    tlb_remove_ptdesc(tlb, page_ptdesc(pte as Page));
  },

  /*
   * TODO __tlb_remove_table: the final free of a table queued by tlb_remove_table(), after the
   * grace period. Generic: mm/mmu_gather.c (v6.14, !HAVE_ARCH_TLB_REMOVE_TABLE)
   * __tlb_remove_table() → pagetable_dtor_free(). Required with MMU_GATHER_TABLE_FREE before
   * v6.14 (C-LT-12).
   */
  __tlb_remove_table(table) {
    pagetable_dtor_free(table as Page);
  },

  /*
   * TODO optional hooks, only if your arch has them (see AdapterHooks in ptconform's
   * src/adapter/types.ts): pmd_same(a, b), update_mmu_cache(mm, slot, index),
   * arch_walk(mm, slot, index), arch_exit_mmap(mm), pgtable_to_va(pgtable).
   */
};

export default adapter;
`;
}

/** The text of the tsconfig.json written next to a new adapter (see the module comment). */
export function scaffoldTsconfig(): string {
  return `${JSON.stringify({ compilerOptions: adapterTsconfigOptions() }, null, 2)}\n`;
}

/** Write `text` to `file` unless it exists; a write error is a {@link UsageError}. Whether it wrote. */
function writeNew(file: string, text: string): boolean {
  if (fs.existsSync(file)) return false;
  writeFileAtomic(file, text, { overwrite: false });
  return true;
}

/** Run `new-arch`; returns the exit code (0; errors are thrown as {@link UsageError}). */
export function runNewArch(name: string, o: NewArchCliOptions): number {
  if (!NAME_RE.test(name)) throw new UsageError(`bad adapter name '${name}': use letters, digits, '.', '_' and '-' (e.g. riscv-sbi-v6.14)`);
  const base = name.endsWith('.ts') ? name.slice(0, -3) : name;
  if ([...ADAPTERS, ...BROKEN.map((b) => b.adapter)].some((a) => a.name === base)) {
    throw new UsageError(`'${base}' is already the name of a registered adapter or fixture; choose another name`);
  }
  const file = path.join(o.dir, `${base}.ts`);
  checkOutputTargets([{ flag: '--dir', path: o.dir, kind: 'dir' }, { flag: 'new-arch', path: file, kind: 'file' }]);
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists; not overwriting it`);
  // Atomic and never clobbering: a file created since the check above is kept (EEXIST).
  writeFileAtomic(file, scaffoldAdapter(base), { overwrite: false });
  out(`wrote ${file}`);
  const tsconfig = path.join(o.dir, 'tsconfig.json');
  out(writeNew(tsconfig, scaffoldTsconfig()) ? `wrote ${tsconfig}` : `kept the existing ${tsconfig}`);
  out(`next: npx ptconform check --adapter ${file}`);
  return 0;
}
