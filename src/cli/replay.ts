/** `ptconform replay FILE`: re-run a saved counterexample; same timeline, same verdict. */
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { BUGS, OUT_OF_REACH } from '../../fixtures/bugs';
import { PROPERTIES } from '../../properties';
import { resolveAdapters } from '../adapter/load';
import { contractById } from '../contracts/catalog';
import { runScenario } from '../engine/runner';
import { counterexampleOf } from '../engine/timeline';
import { renderTimelineText } from '../report/timeline';
import { readReplayFile } from '../results/replayFile';
import { color, out } from './output';

/** Run `replay`; exit 1 when the violation reproduces, 0 when it no longer does. */
export async function runReplay(file: string): Promise<number> {
  const r = readReplayFile(file);
  // One adapter per reference.
  const adapter = (await resolveAdapters([r.adapter], [...ADAPTERS, ...BROKEN.map((b) => b.adapter), ...BUGS.map((b) => b.adapter), ...OUT_OF_REACH.flatMap((o) => (o.adapter ? [o.adapter] : []))]))[0]!;
  const judged = new Set(r.contracts);
  // The property's arch-specific monitor (arm, pae, powerpc, s390) judged the original run too.
  // A bug-corpus file (property 'all', from `ptconform bugs --save`) was judged with every monitor that applies.
  const monitor = PROPERTIES.find((p) => p.id === r.property)?.monitor;
  const monitors = r.property === 'all'
    ? PROPERTIES.filter((p) => p.monitor && p.appliesTo(adapter)).map((p) => p.monitor!)
    : monitor ? [monitor] : [];
  const res = runScenario(adapter, r.scenario, { judge: (v) => judged.has(v.contract), monitors });
  out(`${color.bold(adapter.name)}  property ${r.property}  (${file})`);
  if (!res.violation) {
    out(color.green(`no longer reproduces: the saved ${r.violation.contract} counterexample runs clean`));
    out('1 passed, 0 failed');
    return 0;
  }
  const cx = counterexampleOf(res, r.seed, r.path, `npx ptconform replay ${file}`);
  out(`${color.red('✗')} ${color.bold(res.violation.contract)}: ${contractById(res.violation.contract).summary}`);
  for (const line of renderTimelineText(cx).split('\n')) out(`  ${line}`);
  const same = res.violation.contract === r.violation.contract;
  out(same ? color.yellow(`reproduced ${res.violation.contract} (${cx.length} segments)`) : color.red(`reproduced a different contract: saved ${r.violation.contract}, now ${res.violation.contract}`));
  out('0 passed, 1 failed');
  return 1;
}
