/** `ptconform replay FILE`: re-run a saved counterexample; same timeline, same verdict. */
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { BUGS, OUT_OF_REACH } from '../../fixtures/bugs';
import { PROPERTIES } from '../../properties';
import { isPathRef, resolveAdapters, UsageError } from '../adapter/load';
import type { Adapter } from '../adapter/types';
import { contractById } from '../contracts/catalog';
import { runScenario } from '../engine/runner';
import { counterexampleOf } from '../engine/timeline';
import { renderTimelineText } from '../report/timeline';
import { locateAdapterFile, sha256File } from '../results/adapterRef';
import { readReplayFile, type ReplayFile } from '../results/replayFile';
import { VERSION } from '../version';
import { color, out } from './output';

/** Every adapter a replay file may name by registry name. */
function replayRegistry(): Adapter[] {
  return [...ADAPTERS, ...BROKEN.map((b) => b.adapter), ...BUGS.map((b) => b.adapter), ...OUT_OF_REACH.flatMap((o) => (o.adapter ? [o.adapter] : []))];
}

/** The adapter of `r` and, for a file adapter, whether its source differs from the one saved. */
async function loadReplayAdapter(r: ReplayFile, file: string): Promise<{ adapter: Adapter; changed: string | null }> {
  const registry = replayRegistry();
  if (!isPathRef(r.adapter)) {
    const byName = registry.find((a) => a.name === r.adapter);
    if (byName === undefined) throw new UsageError(`${file}: adapter: unknown adapter '${r.adapter}'; see 'ptconform list'`);
    return { adapter: byName, changed: null };
  }
  const abs = locateAdapterFile(r, file);
  const now = sha256File(abs);
  const changed = r.adapterSha256 !== undefined && now !== r.adapterSha256
    ? `the adapter changed since this file was saved (${r.adapter}: sha256 ${r.adapterSha256.slice(0, 12)}…, now ${now?.slice(0, 12) ?? 'unreadable'}…)`
    : null;
  return { adapter: (await resolveAdapters([abs], registry))[0]!, changed };
}

/** Why a saved case may no longer reproduce, beyond a fix: an edited adapter, another ptconform. */
function driftNotes(r: ReplayFile, changed: string | null): string[] {
  const notes = changed !== null ? [changed] : [];
  if (r.version !== undefined && r.version !== VERSION) notes.push(`it was saved by ptconform ${r.version}; this is ${VERSION}`);
  return notes;
}

/** Run `replay`; exit 1 when the violation reproduces, 0 when it no longer does. */
export async function runReplay(file: string): Promise<number> {
  const r = readReplayFile(file);
  const { adapter, changed } = await loadReplayAdapter(r, file);
  const judged = new Set(r.contracts);
  // The property's arch-specific monitor (arm, pae, powerpc, s390) judged the original run too.
  // A bug-corpus file (property 'all', from `ptconform bugs --save`) was judged with every monitor that applies.
  const monitor = PROPERTIES.find((p) => p.id === r.property)?.monitor;
  const monitors = r.property === 'all'
    ? PROPERTIES.filter((p) => p.monitor && p.appliesTo(adapter)).map((p) => p.monitor!)
    : monitor ? [monitor] : [];
  const res = runScenario(adapter, r.scenario, { judge: (v) => judged.has(v.contract), monitors });
  if (!res.violation && res.limit !== undefined) throw new UsageError(`${file}: the replay went beyond the model, which is not a verdict: ${res.limit}`);
  out(`${color.bold(adapter.name)}  property ${r.property}  (${file})`);
  const notes = driftNotes(r, changed);
  if (!res.violation) {
    out(color.green(`no longer reproduces: the saved ${r.violation.contract} counterexample runs clean`));
    for (const n of notes) out(color.yellow(`note: ${n}`));
    out('1 passed, 0 failed');
    return 0;
  }
  const cx = counterexampleOf(res, r.seed, r.path, `npx ptconform replay ${file}`);
  out(`${color.red('✗')} ${color.bold(res.violation.contract)}: ${contractById(res.violation.contract).summary}`);
  for (const line of renderTimelineText(cx).split('\n')) out(`  ${line}`);
  const same = res.violation.contract === r.violation.contract;
  out(same ? color.yellow(`reproduced ${res.violation.contract} (${cx.length} segments)`) : color.red(`reproduced a different contract: saved ${r.violation.contract}, now ${res.violation.contract}`));
  if (!same) for (const n of notes) out(color.yellow(`note: ${n}`));
  out('0 passed, 1 failed');
  return 1;
}
