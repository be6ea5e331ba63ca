/**
 * Status badges: per-adapter and summary, as SVG (badge-maker) and as shields.io endpoint JSON.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../results/atomicWrite';
import type { AdapterResult, ResultsJson } from '../results/schema';
import { knownBadLabel } from '../adapter/types';
import { exceptFindings } from './findings';
import { adapterOutcome, exitCodeOf } from './outcome';
import { adapterCounts } from './summary';

/** The named shields colours the badges use. */
export type BadgeColor = 'brightgreen' | 'red' | 'orange' | 'lightgrey' | 'yellowgreen';

/** What a badge says: the input of badge-maker's `makeBadge` and of the endpoint JSON. */
export interface BadgeSpec {
  label: string;
  message: string;
  color: BadgeColor;
}

/** The shields.io endpoint-badge document (https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

/** badge-maker's `makeBadge`, reduced to what the badges use; injectable for tests. */
export type MakeBadge = (format: { label: string; message: string; color: string }) => string;

/**
 * The badge of one adapter, labelled `ptconform <name>`, by its outcome (outcome.ts):
 * - conforms (or a known-bad adapter none of whose documented contracts ran, nothing failed):
 *   `conforms`, brightgreen;
 * - a known-bad adapter failing its documented contracts as expected: `known-bad (historical)`
 *   (a bug the kernel fixed) or `known-bad (suspected)` (the model's own finding), orange (an
 *   expected failure: it does not fail the run);
 * - an undocumented failure: `N/M contracts` (N passed of the M that ran), red;
 * - a documented known-bad contract that passed: `unexpected pass: <ids>`, red;
 * - an adapter error: `error`, red (an error is never a pass);
 * and, when the check ran into known generic-mm findings (src/findings/registry.ts), the message
 * ends ` except finding F1` and a `conforms` badge is yellowgreen rather than brightgreen.
 */
export function badgeFor(adapter: AdapterResult): BadgeSpec {
  const badge = outcomeBadge(adapter);
  const except = exceptFindings(adapter);
  if (!except) return badge;
  // A pass with a known generic-mm finding says so, and is not the plain green of a clean pass.
  return { ...badge, message: badge.message + except, color: badge.color === 'brightgreen' ? 'yellowgreen' : badge.color };
}

function outcomeBadge(adapter: AdapterResult): BadgeSpec {
  const label = `ptconform ${adapter.name}`;
  const { kind, judgement } = adapterOutcome(adapter);
  switch (kind) {
    case 'pass':
      return { label, message: 'conforms', color: 'brightgreen' };
    case 'xfail':
      return { label, message: knownBadLabel(adapter.knownBad?.kind), color: 'orange' };
    case 'error':
      return { label, message: 'error', color: 'red' };
    case 'xpass':
      return { label, message: `unexpected pass: ${judgement.missing.join(', ')}`, color: 'red' };
    case 'fail': {
      const passed = adapter.contracts.filter((c) => c.verdict === 'pass').length;
      const applicable = adapter.contracts.filter((c) => c.verdict !== 'n/a').length;
      return { label, message: `${passed}/${applicable} contracts`, color: 'red' };
    }
  }
}

/**
 * The summary badge, labelled `ptconform`: `K/N as expected` (K adapters of N that behaved as
 * expected, known-bad ones failing as documented included), brightgreen exactly when the run
 * exits 0, red otherwise, with `, E error(s)` when adapters errored (exit 2); `no adapters`,
 * lightgrey, when there are none.
 */
export function summaryBadge(results: ResultsJson): BadgeSpec {
  const c = adapterCounts(results);
  if (c.adapters === 0) return { label: 'ptconform', message: 'no adapters', color: 'lightgrey' };
  const errors = c.errors > 0 ? `, ${c.errors} error(s)` : '';
  return {
    label: 'ptconform',
    message: `${c.asExpected}/${c.adapters} as expected${errors}`,
    color: exitCodeOf(results) === 0 ? 'brightgreen' : 'red',
  };
}

/** The shields.io endpoint JSON for `badge`. */
export function endpointJson(badge: BadgeSpec): ShieldsEndpoint {
  return { schemaVersion: 1, label: badge.label, message: badge.message, color: badge.color };
}

/**
 * A file-name stem for an adapter name (which may be a path): every run of characters outside
 * `[A-Za-z0-9._-]` becomes `_`, leading dots and underscores are dropped, and an empty result
 * becomes `adapter`.
 */
export function safeBadgeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe === '' ? 'adapter' : safe;
}

/**
 * File stems for every adapter, in `results.adapters` order: {@link safeBadgeName}, made unique
 * case-insensitively (later duplicates get `-2`, `-3`, ...) and never `summary`.
 */
export function badgeFileStems(results: ResultsJson): string[] {
  const used = new Set<string>(['summary']);
  return results.adapters.map((a) => {
    const base = safeBadgeName(a.name);
    let stem = base;
    for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${base}-${n}`;
    used.add(stem.toLowerCase());
    return stem;
  });
}

/** `import()` that TypeScript leaves alone when compiling to CommonJS (badge-maker is ESM-only). */
const dynImport = new Function('m', 'return import(m)') as (m: string) => Promise<unknown>;

let loaded: Promise<MakeBadge> | undefined;

/**
 * Loads badge-maker's `makeBadge` with a native dynamic `import()` (once; later calls share the
 * promise). Works from compiled code under plain Node; not inside jest without VM modules.
 */
export function loadMakeBadge(): Promise<MakeBadge> {
  loaded ??= dynImport('badge-maker').then((mod) => {
    const fn = (mod as { makeBadge?: unknown }).makeBadge;
    if (typeof fn !== 'function') throw new Error('badge-maker does not export makeBadge');
    return fn as MakeBadge;
  });
  return loaded;
}

/**
 * Writes, into `dir` (created if needed), `<stem>.svg` and `<stem>.json` (shields endpoint JSON)
 * for every adapter (stems from {@link badgeFileStems}) and `summary.svg` / `summary.json`.
 * `makeBadge` defaults to badge-maker's, loaded by {@link loadMakeBadge}. Resolves to the paths
 * written: per adapter its SVG then its JSON, in adapter order, then the summary's.
 */
export async function writeBadges(results: ResultsJson, dir: string, makeBadge?: MakeBadge): Promise<string[]> {
  const make = makeBadge ?? (await loadMakeBadge());
  const stems = badgeFileStems(results);
  const jobs: { stem: string; badge: BadgeSpec }[] = results.adapters.map((a, i) => ({
    stem: stems[i] as string,
    badge: badgeFor(a),
  }));
  jobs.push({ stem: 'summary', badge: summaryBadge(results) });
  const written: string[] = [];
  for (const { stem, badge } of jobs) {
    const svg = path.join(dir, `${stem}.svg`);
    const json = path.join(dir, `${stem}.json`);
    writeFileAtomic(svg, make({ label: badge.label, message: badge.message, color: badge.color }));
    writeFileAtomic(json, `${JSON.stringify(endpointJson(badge), null, 2)}\n`);
    written.push(svg, json);
  }
  return written;
}
