/**
 * rmap and rss accounting of data pages (contracts.md §1.6): mapcount, the page_table_check
 * counter of present mappings, rss counters, set_page_dirty.
 */
import type { Page } from '../model/types';
import { current } from '../model/world';

/** `page_add_*_rmap()` + get_page + rss++ (and page_table_check's mapped count). */
export function page_add_rmap(page: Page): void {
  const w = current();
  const d = page.data!;
  d.mapcount++;
  page._refcount.counter++;
  if (d.kind === 'anon') w.mm.rss.anon++;
  else w.mm.rss.file++;
  w.mm.ptcMapped.set(page.pfn, (w.mm.ptcMapped.get(page.pfn) ?? 0) + 1);
}

/** `page_remove_rmap(page)` (C-GA-8: mapcount never below zero). */
export function page_remove_rmap(page: Page): void {
  const w = current();
  const d = page.data!;
  d.mapcount--;
  const name = w.pageName(page);
  const mapcount = d.mapcount;
  w.record(() => `page_remove_rmap(${name}) mapcount=${mapcount}`, name);
  if (d.mapcount < 0) w.violate('C-GA-8', `page_remove_rmap(${w.pageName(page)}): mapcount ${d.mapcount} < 0 (double rmap removal)`);
}

/**
 * rss-- for a cleared present PTE and page_table_check's clear (the `ptep_clear()` accounting).
 * `ptc = false`: the PTE was cleared with a bare `pte_clear()`, which page_table_check never
 * sees (B24, C-GA-10).
 */
export function rss_dec(page: Page, ptc = true): void {
  const w = current();
  if (page.data!.kind === 'anon') w.mm.rss.anon--;
  else w.mm.rss.file--;
  if (ptc) w.mm.ptcMapped.set(page.pfn, (w.mm.ptcMapped.get(page.pfn) ?? 0) - 1);
}

/** `set_page_dirty(page)`. */
export function set_page_dirty(page: Page): void {
  const w = current();
  page.data!.dirty = true;
  const name = w.pageName(page);
  w.record(() => `set_page_dirty(${name})`, name);
}
