// Experiment (x86 report, "making B19 reachable"): emulates the proposed core change to the page
// layout on GUP_GET_PXX_LOW_HIGH configs (every page gets its own pmd_high and the same pmd_low,
// so two different table pmds differ only in their high halves) by patching World at run time,
// then searches directed schedules "reader reads pmd_low / writer retracts / reader reads
// pmd_high / a fault repopulates / reader re-reads pmd_low" for a torn read (C-MAP-15).
// LAYOUT=0 runs the same search on today's layout. IRQS_ON=1 also emulates a __pte_offset_map() without pmdp_get_lockless_start/end (B19's v2).
// Never imported by the suite. Usage: scripts/x86-pae-torn-experiment.ts ADAPTER_MODULE
import type { Adapter } from '../src/adapter/types';
import { runScenario } from '../src/engine/runner';
import type { Scenario } from '../src/engine/scenario';
import * as tlbflush from '../src/mm/tlbflush';
import { HALF, PAGE_SIZE, PFN_BASE, type Page } from '../src/model/types';
import { current, World } from '../src/model/world';
import { quietScenario } from '../test/helpers';

const stride = (w: World): number => (w.decl.GUP_GET_PXX_LOW_HIGH ? HALF / PAGE_SIZE : 1);
const proto = World.prototype as unknown as {
  allocPage(this: World, use: Page['use'], site: string): Page;
  pageOfVa(this: World, va: number): Page | undefined;
  pageName(this: World, p: Page): string;
};
const allocPage = proto.allocPage;
// LAYOUT=0 keeps today's layout (every pmd_high the same) for comparison.
if (process.env.LAYOUT !== '0') proto.allocPage = function (use, site) {
  const n = this.pages.length;
  const p = allocPage.call(this, use, site);
  // A new page (not a reused one): move it to its own 4 GiB "high half".
  if (this.pages.length > n) (p as { pfn: number }).pfn = PFN_BASE + n * stride(this);
  return p;
};
if (process.env.LAYOUT !== '0') proto.pageOfVa = function (va) {
  const k = Math.floor(va / PAGE_SIZE) - PFN_BASE;
  return k < 0 || k % stride(this) !== 0 ? undefined : this.pages[k / stride(this)];
};
if (process.env.LAYOUT !== '0') proto.pageName = function (p) {
  return p.use === 'data' ? `page#${(p.pfn - PFN_BASE) / stride(this)}` : `pt@0x${(p.pfn * PAGE_SIZE).toString(16)}`;
};

if (process.env.IRQS_ON === '1') {
  // Only the walkers' __pte_offset_map read loses its IRQs-off section; gup_fast keeps its own.
  const t = tlbflush as unknown as { local_irq_disable(): void; local_irq_enable(): void };
  const { local_irq_disable: dis, local_irq_enable: en } = t;
  const walker = (): boolean => current().cur.op.startsWith('walker');
  t.local_irq_disable = () => { if (!walker()) dis(); };
  t.local_irq_enable = () => { if (!walker()) en(); };
}

const a = (require(process.argv[2] ?? '../arch/x86/pae-native-v6.5') as { default: Adapter }).default;
let found = 0;
search: for (let i = 1; i <= 8; i++) for (let j = 1; j <= 90; j++) for (let k = 1; k <= 30; k++) {
  const sc: Scenario = quietScenario({
    slots: [
      { vma: 'file', shared: true, uffd: 'none', table: true, ptes: ['none', 'none'] },
      { vma: 'file', shared: true, uffd: 'none', table: false, ptes: ['none', 'none'] },
    ],
    programs: [[{ k: 'khugepaged' }], [{ k: 'fault', slot: 0, index: 0, write: false }], [{ k: 'walk', slot: 0, index: 0, api: 'map' }]],
    schedule: [{ a: 2, n: i }, { a: 0, n: j }, { a: 2, n: 1 }, { a: 1, n: k }, { a: 2, n: 3 }],
  });
  const r = runScenario(a, sc);
  if (r.violations[0]?.contract === 'C-MAP-15') {
    found++;
    console.log(`schedule ${JSON.stringify(sc.schedule)}: ${r.violations[0].message}`);
    if (process.env.TRACE) for (const e of r.trace) console.log(`   ${e.actor.padEnd(5)} ${e.action}   [${e.op}]`);
    break search;
  }
}
console.log(`${a.name}${process.env.IRQS_ON === '1' ? ' (reader IRQs on)' : ''}: torn read ${found ? 'reachable' : 'not found'}`);
