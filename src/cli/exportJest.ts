/**
 * `ptconform export FILE --as jest [--out PATH]`: turn a counterexample saved by `check --save`
 * into a standalone jest test that replays it. The test embeds the shrunk scenario, loads the
 * adapter by the reference stored in FILE and runs it with ptconform's runner, judged on the
 * same contracts; it asserts that no judged violation occurs, so it fails while the adapter is
 * broken and passes once it is fixed.
 *
 * The generated file is plain CommonJS that is also valid TypeScript (`// @ts-nocheck`), so it
 * runs as `*.test.js` under a minimal jest config and as `*.test.ts` under ts-jest. ptconform
 * (compiled JavaScript) is required through jest as usual: the package `ptconform` seen from the
 * test's directory when it is installed there, otherwise the installation that exported the
 * test. A file adapter is loaded with `evaluateAdapterFile` (ptconform's own small loader, not
 * jest's registry), so a TypeScript adapter needs no jest transform and its `ptconform/kernel`
 * is the copy the runner uses.
 */
import fs from 'fs';
import path from 'path';
import { ADAPTERS } from '../../arch';
import { BROKEN } from '../../fixtures';
import { isPathRef, UsageError } from '../adapter/load';
import { locateAdapterFile, relativeRef } from '../results/adapterRef';
import { writeFileAtomic } from '../results/atomicWrite';
import { readReplayFile, type ReplayFile } from '../results/replayFile';
import { checkOutputTargets } from './outputPaths';
import { out } from './output';

/** Options of `export`. */
export interface ExportCliOptions {
  as: string;
  out?: string;
  force?: boolean;
}

/** The root of this ptconform installation (the directory of its package.json). */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        if ((JSON.parse(fs.readFileSync(pj, 'utf8')) as { name?: unknown }).name === 'ptconform') return dir;
      } catch {
        /* not ours; keep going */
      }
    }
    if (path.dirname(dir) === dir) throw new Error('cannot find the ptconform installation (no package.json named ptconform above it)');
  }
}

/** A JS string literal (JSON is valid JS). */
function lit(v: unknown): string {
  return JSON.stringify(v);
}

/** A comment-safe single line. */
function commentText(s: string): string {
  return s.replace(/\*\//g, '*\\/').replace(/[\r\n]+/g, ' ');
}

/** Where the adapter of `r` is, as the generated test should find it. */
export type AdapterLocator = { kind: 'name'; name: string } | { kind: 'file'; relative: string };

/** The text of the jest test reproducing `r` (saved in `source`), to be written at `outFile`. */
export function renderJestTest(r: ReplayFile, source: string, locator: AdapterLocator, ptconformRoot: string): string {
  const adapterLine =
    locator.kind === 'name'
      ? `// The adapter by its registry name (\`ptconform list\`), as saved.\nconst ADAPTER = ${lit(locator.name)};`
      : `// The adapter file, relative to this test (saved as ${lit(r.adapter)}).\nconst ADAPTER = nodePath.resolve(__dirname, ${lit(locator.relative)});`;
  const judged = r.contracts.join(', ');
  return `// @ts-nocheck
/**
 * Regression test for a ptconform counterexample, exported by
 * \`ptconform export ${commentText(path.basename(source))} --as jest\`.
 *
 * Adapter:   ${commentText(r.adapterName)} (${commentText(r.adapter)})
 * Property:  ${commentText(r.property)}, judged on ${commentText(judged)}
 * Violation: ${commentText(r.violation.contract)}: ${commentText(r.violation.message)}
 * Found by:  fast-check seed ${r.seed}, path ${commentText(r.path)}
 *
 * The shrunk scenario is embedded below and replayed by ptconform's runner. The test FAILS
 * while the adapter violates any of the judged contracts on it, and PASSES once it is fixed.
 * ptconform is required through jest; the adapter is evaluated by ptconform's own loader, so a
 * TypeScript adapter needs no jest transform.
 */
'use strict';

const { describe, expect, test } = require('@jest/globals');
const nodePath = require('node:path');

/** The installation that exported this test, used when \`ptconform\` is not installed here. */
const EXPORTED_FROM = ${lit(ptconformRoot)};

${adapterLine}

const PROPERTY = ${lit(r.property)};
const JUDGED = ${lit(r.contracts)};
const SAVED_VIOLATION = ${lit(r.violation)};
const SEED = ${lit(r.seed)};
const PATH = ${lit(r.path)};

const SCENARIO = ${JSON.stringify(r.scenario, null, 2)};

/** ptconform's public API: the \`ptconform\` package seen from here, else the exporting install. */
function loadPtconform() {
  let where = EXPORTED_FROM;
  try {
    where = require.resolve('ptconform');
  } catch {
    /* not installed next to this test */
  }
  return require(where);
}

describe(${lit(`ptconform: ${r.adapterName} on the saved ${r.property} counterexample`)}, () => {
  test(${lit(`no violation of ${judged} (saved: ${r.violation.contract})`)}, () => {
    const pt = loadPtconform();
    const adapter = ${locator.kind === 'name' ? 'pt.findAdapter(ADAPTER)' : 'pt.evaluateAdapterFile(ADAPTER)'};
    const judged = new Set(JUDGED);
    const property = pt.PROPERTIES.find((p) => p.id === PROPERTY);
    const res = pt.runScenario(adapter, SCENARIO, {
      judge: (v) => judged.has(v.contract),
      monitors: property && property.monitor ? [property.monitor] : [],
    });
    let outcome = 'no violation';
    if (res.limit !== undefined) {
      outcome = \`model limit (not a verdict): \${res.limit}\`;
    } else if (res.violation) {
      const cx = pt.counterexampleOf(res, SEED, PATH, '');
      outcome = [
        \`\${adapter.name} violates \${res.violation.contract} (saved counterexample: \${SAVED_VIOLATION.contract}): \${res.violation.message}\`,
        pt.renderTimelineText(cx),
      ].join('\\n');
    }
    expect(outcome).toBe('no violation');
  });
});
`;
}

/** The default output path for `file`: `<base>.test.js` in the current directory. */
function defaultOut(file: string): string {
  return `${path.basename(file).replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.test.js`;
}

/** Where the generated test goes: `--out` (a directory: inside it), or the default name here. */
function exportTarget(file: string, o: ExportCliOptions): string {
  if (o.out === undefined) return defaultOut(file);
  if (/[\\/]$/.test(o.out) || (fs.existsSync(o.out) && fs.statSync(o.out).isDirectory())) return path.join(o.out, defaultOut(file));
  return o.out;
}

/** The adapter of `r` as the test at `outDir` should find it; the absolute adapter file, if any. */
function exportLocator(r: ReplayFile, file: string, outDir: string): { locator: AdapterLocator; adapterFile?: string } {
  if (!isPathRef(r.adapter)) {
    if (![...ADAPTERS, ...BROKEN.map((b) => b.adapter)].some((a) => a.name === r.adapter)) {
      throw new UsageError(`${file}: adapter: unknown adapter '${r.adapter}'; see 'ptconform list'`);
    }
    return { locator: { kind: 'name', name: r.adapter } };
  }
  const abs = locateAdapterFile(r, file);
  return { locator: { kind: 'file', relative: relativeRef(outDir, abs) }, adapterFile: abs };
}

/** Run `export`; returns the exit code (0; errors are thrown as {@link UsageError}). */
export function runExport(file: string, o: ExportCliOptions): number {
  if (o.as !== 'jest') throw new UsageError(`cannot export as '${o.as}': the only format is 'jest'`);
  const r = readReplayFile(file);
  const target = exportTarget(file, o);
  if (!/\.(js|cjs|ts|cts)$/.test(target)) throw new UsageError(`--out ${target}: a jest test file must end in .js, .cjs, .ts or .cts`);
  const outDir = path.dirname(path.resolve(target));
  const { locator, adapterFile } = exportLocator(r, file, outDir);
  const inputs = [{ flag: 'replay file', path: file }, ...(adapterFile !== undefined ? [{ flag: 'adapter', path: adapterFile }] : [])];
  checkOutputTargets([{ flag: '--out', path: target, kind: 'file' }], inputs);
  if (fs.existsSync(target) && o.force !== true) throw new UsageError(`${target} already exists; not overwriting it (use --force)`);
  writeFileAtomic(target, renderJestTest(r, file, locator, packageRoot()), { overwrite: o.force === true });
  out(`wrote ${target}`);
  out(`it fails while ${r.adapterName} still violates ${r.contracts.join(', ')} on this scenario, and passes once that is fixed`);
  out(`run it: npx jest ${target}   (outside a jest project: npx jest --config '{}' --rootDir ${path.dirname(target)})`);
  return 0;
}
