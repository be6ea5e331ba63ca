// Repro (x86 report): with unsplit PTE ptlocks (ptl == pml) and PT_RECLAIM, MADV_DONTNEED frees the
// table collapse_pte_mapped_thp() emptied in its step 2, in the window where step 3 holds no lock;
// step 4 retakes pml and, since ptl == pml, does not recheck pmd_same() (the kernel rechecks only
// `if (ptl != pml)`), so pmdp_collapse_flush() finds a none pmd. Usage: scripts/x86-unsplit-reclaim-race.ts [ADAPTER]
import type { Adapter } from '../src/adapter/types';
import { runScenario } from '../src/engine/runner';
import type { Scenario } from '../src/engine/scenario';
const a = (require(process.argv[2] ?? '../arch/x86/native-v6.14') as { default: Adapter }).default;
const sc = JSON.parse('{"fileKind":"shmem","slots":[{"vma":"file","shared":false,"uffd":"none","table":true,"ptes":["none","dirty"]},{"vma":"file","shared":false,"uffd":"none","table":true,"ptes":["clean","clean"]}],"warm":false,"splitPtl":false,"allocSplitPtl":false,"batchAllocFail":0,"ptlockAllocFail":0,"reclaim":true,"programs":[[{"k":"munmap","slot":0}],[{"k":"dontneed","slot":1}],[{"k":"collapse","slot":1}]],"schedule":[{"a":2,"n":3}]}') as Scenario;
for (const split of [false, true]) {
  const r = runScenario(a, { ...sc, splitPtl: split });
  console.log(`${a.name} splitPtl=${split}: ${r.violations.map((v) => `${v.contract}: ${v.message}`).join('; ') || 'no violation'}`);
  if (!split && process.env.TRACE) for (const t of r.trace) console.log(`   ${t.actor.padEnd(5)} ${t.action}   [${t.op}]`);
}
