/** `ptconform list [--json]`: adapters, contracts and fixtures. */
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { CONTRACTS } from '../contracts/catalog';
import { knownBadLabel, type Adapter } from '../adapter/types';
import { PROPERTIES } from '../../properties';
import { color, out } from './output';

function describeAdapter(a: Adapter): Record<string, unknown> {
  return {
    name: a.name, arch: a.arch, era: a.era, source: a.source, declarations: a.declarations,
    knownBad: a.knownBad ?? null, ...(a.description ? { description: a.description } : {}),
  };
}

/** Run `list`. */
export function runList(opts: { json?: boolean }): number {
  const modelled = new Set(PROPERTIES.flatMap((p) => p.contracts));
  if (opts.json) {
    out(JSON.stringify({
      schema: 1, tool: 'ptconform',
      adapters: ADAPTERS.map(describeAdapter),
      arches: [...new Set(ADAPTERS.map((a) => a.arch))],
      contracts: CONTRACTS.filter((c) => modelled.has(c.id)).map((c) => ({ id: c.id, property: c.property, summary: c.summary, seed: c.seed })),
      properties: PROPERTIES.map((p) => ({ id: p.id, title: p.title, contracts: p.contracts })),
      fixtures: BROKEN.map((b) => ({ file: b.file, ...describeAdapter(b.adapter) })),
    }, null, 2));
    return 0;
  }
  out(color.bold(`Adapters (${ADAPTERS.length}, ${new Set(ADAPTERS.map((a) => a.arch)).size} arches)`));
  for (const a of ADAPTERS) {
    const d = a.declarations;
    const flags = [d.MMU_GATHER_RCU_TABLE_FREE ? 'RCU_TABLE_FREE' : d.MMU_GATHER_TABLE_FREE ? 'TABLE_FREE' : 'page batch',
      `flush:${d.flushTransport}`, d.THP ? 'THP' : '', d.PT_RECLAIM ? 'PT_RECLAIM' : '', d.GUP_GET_PXX_LOW_HIGH ? 'LOW_HIGH' : '',
      d.tablesPerPage > 1 ? `${d.tablesPerPage}/page` : '', d.HIGHPTE ? 'HIGHPTE' : '', d.PGSTE ? 'PGSTE' : '',
      a.paravirt_alloc_pte ? 'xen-pv' : ''].filter(Boolean).join(' ');
    const bad = a.knownBad ? color.yellow(` ${knownBadLabel(a.knownBad.kind)}: ${a.knownBad.contracts.join(', ')} (fix: ${a.knownBad.fix})`) : '';
    out(`  ${a.name.padEnd(34)} ${a.arch.padEnd(9)} ${a.era.padEnd(6)} ${flags}${bad}`);
  }
  out();
  out(color.bold(`Contracts (${modelled.size} checked by ${PROPERTIES.length} properties)`));
  for (const c of CONTRACTS) if (modelled.has(c.id)) out(`  ${c.id.padEnd(10)} ${c.property.padEnd(15)} ${c.summary} [${c.seed}]`);
  out();
  out(color.bold(`Fixtures (${BROKEN.length} deliberately broken adapters; run with --adapter FILE)`));
  for (const b of BROKEN) out(`  ${b.file.padEnd(48)} expects ${b.adapter.knownBad?.contracts.join(', ') ?? '?'}${b.adapter.knownBad ? ` (${b.adapter.knownBad.kind})` : ''}`);
  return 0;
}
