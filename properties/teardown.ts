/**
 * No leaks at teardown (C-TD-1): after exit_mmap and every grace period, every table page is
 * dtor'd and freed, no callback was lost, NR_PAGETABLE and the rss counters are zero. And no
 * memory held unused while the mm lives (C-TD-2, judged by `pagetable_alloc()`): a PTE table
 * is one order-0 page.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'teardown',
  title: 'no leaks at teardown',
  contracts: ['C-TD-1', 'C-TD-2'],
  appliesTo: () => true,
};

export default property;
