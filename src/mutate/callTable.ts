/**
 * The CALL operator's table: each kernel primitive (an export of src/kernel/index.ts, as an
 * adapter imports it) and what a plausible slip would call instead. A replacement is a sibling
 * primitive's name (same arguments), `null` (the call is left out), or a template in which `$1`,
 * `$2`, ... are the call's arguments and `$*` all of them.
 */

/** One replacement of a call to `from`. */
export interface CallSwap {
  from: string;
  /** A primitive to call instead (same arguments), or null: no call at all. */
  to: string | null;
  /** Instead of `to`: the replacement expression, with `$1`.. the arguments; `uses` names the primitives it calls. */
  template?: string;
  uses?: string[];
  /** How the report names it, e.g. `spin_lock→spin_unlock`. */
  label: string;
}

const pairs: [string, string][] = [
  ['spin_lock', 'spin_unlock'], ['spin_lock_bh', 'spin_unlock_bh'], ['mm_context_lock', 'mm_context_unlock'],
  ['rcu_read_lock', 'rcu_read_unlock'], ['tlb_remove_table', 'tlb_remove_page'], ['tlb_remove_ptdesc', 'tlb_remove_page_ptdesc'],
  ['list_add', 'list_add_tail'], ['SetPageActive', 'ClearPageActive'], ['atomic_add_return', 'atomic_sub_return'],
  ['pagetable_free', 'pagetable_dtor_free'], ['__free_page', 'free_page_and_swap_cache'],
];

const oneWay: [string, string | null][] = [
  ['spin_lock_nested', 'spin_unlock'], ['pagetable_dtor', null], ['pagetable_dtor', 'pagetable_dtor_free'],
  ['pagetable_dtor_free', 'pagetable_dtor'], ['pagetable_pte_ctor', null], ['TestClearPageActive', 'PageActive'],
  ['PageActive', 'TestClearPageActive'], ['list_del_init', null], ['atomic_inc', null], ['tlb_remove_table_sync_one', null],
  ['mmgrab', null], ['mmdrop_async', null], ['__tlb_adjust_range', null], ['tlb_flush_pmd_range', null],
  ['paravirt_release_pte', null], ['gmap_unlink', null], ['pte_unmap', null], ['pagetable_free', '__free_page'],
  ['free_page_and_swap_cache', 'pagetable_free'],
];

/** Every replacement, in a fixed order (mutant IDs do not depend on it). */
export const CALL_TABLE: readonly CallSwap[] = [
  ...pairs.flatMap(([a, b]) => [{ from: a, to: b, label: `${a}→${b}` }, { from: b, to: a, label: `${b}→${a}` }]),
  ...oneWay.map(([a, b]) => ({ from: a, to: b, label: `${a}→${b ?? '(nothing)'}` })),
  // call_rcu(head, fn): the callback at once, without the grace period.
  { from: 'call_rcu', to: null, template: '($2)($1)', uses: [], label: 'call_rcu→direct call' },
  // atomic_dec_and_test(v) as a plain decrement whose result nobody tests (there is no atomic_dec primitive).
  { from: 'atomic_dec_and_test', to: null, template: '(atomic_sub_return(1, $1), false)', uses: ['atomic_sub_return'], label: 'atomic_dec_and_test→atomic_dec' },
];

/** The primitives the table names (each must be exported by src/kernel/index.ts). */
export function callTableNames(): string[] {
  return [...new Set(CALL_TABLE.flatMap((s) => [s.from, ...(s.to ? [s.to] : []), ...(s.uses ?? [])]))].sort();
}

/** The replacements of a call to `name`. */
export function swapsOf(name: string): CallSwap[] {
  return CALL_TABLE.filter((s) => s.from === name);
}
