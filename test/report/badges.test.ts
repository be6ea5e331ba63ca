import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { badgeFileStems, badgeFor, safeBadgeName, summaryBadge, writeBadges, type MakeBadge } from '../../src/report/badges';
import type { AdapterResult } from '../../src/results/schema';
import { cloneSample, sampleResults } from './sample-results';

const [conforming, knownBad, broken] = sampleResults.adapters as [AdapterResult, AdapterResult, AdapterResult];
const repoRoot = path.resolve(__dirname, '..', '..');

/** A stand-in for badge-maker's makeBadge (ESM-only, so not loadable inside jest). */
const fakeMakeBadge: MakeBadge = ({ label, message, color }) =>
  `<svg data-label="${label}" data-message="${message}" data-color="${color}"></svg>`;

/** Checks `value` against the shields.io endpoint schema (required keys; no unknown ones used here). */
function expectShieldsEndpoint(value: unknown): void {
  expect(typeof value).toBe('object');
  const v = value as Record<string, unknown>;
  expect(v['schemaVersion']).toBe(1);
  expect(typeof v['label']).toBe('string');
  expect(typeof v['message']).toBe('string');
  expect((v['message'] as string).length).toBeGreaterThan(0);
  expect(typeof v['color']).toBe('string');
  expect(Object.keys(v).sort()).toEqual(['color', 'label', 'message', 'schemaVersion']);
}

describe('badgeFor', () => {
  test('a conforming adapter: "conforms", brightgreen', () => {
    expect(badgeFor(conforming)).toEqual({ label: 'ptconform x86-tlb-v6.13', message: 'conforms', color: 'brightgreen' });
  });

  test('a known-bad adapter failing as expected: "known-bad (historical)", orange', () => {
    expect(badgeFor(knownBad)).toEqual({
      label: 'ptconform powerpc-frag-v6.5',
      message: 'known-bad (historical)',
      color: 'orange',
    });
  });

  test('a violating adapter: "N/M contracts" (passed / applicable), red', () => {
    const r = cloneSample();
    const a = r.adapters[0] as AdapterResult;
    a.verdict = 'violates';
    a.asExpected = false;
    (a.contracts[1] as { verdict: string }).verdict = 'fail';
    // C-LT-1 pass, C-LT-2 fail, C-DT-1 n/a: 1 of 2 applicable
    expect(badgeFor(a)).toEqual({ label: 'ptconform x86-tlb-v6.13', message: '1/2 contracts', color: 'red' });
    const kb = r.adapters[1] as AdapterResult;
    kb.asExpected = false;
    (kb.contracts[0] as { verdict: string }).verdict = 'fail'; // fails something other than documented
    expect(badgeFor(kb)).toEqual({ label: 'ptconform powerpc-frag-v6.5', message: '1/3 contracts', color: 'red' });
  });

  test('an adapter error: "error", red (an error is never a pass)', () => {
    expect(badgeFor(broken)).toMatchObject({ message: 'error', color: 'red' });
  });

  test('the known-bad badge names the kind: historical, suspected or mutation', () => {
    for (const kind of ['historical', 'suspected', 'mutation'] as const) {
      const kb = cloneSample().adapters[1] as AdapterResult;
      kb.knownBad = { ...(kb.knownBad as NonNullable<AdapterResult['knownBad']>), kind };
      expect(badgeFor(kb)).toEqual({ label: 'ptconform powerpc-frag-v6.5', message: `known-bad (${kind})`, color: 'orange' });
    }
  });

  test('a known-bad adapter whose documented contract passed: "unexpected pass", red', () => {
    const kb = cloneSample().adapters[1] as AdapterResult;
    kb.verdict = 'conforms';
    kb.asExpected = false;
    kb.contracts = kb.contracts.map((c) => ({ ...c, verdict: 'pass' }));
    expect(badgeFor(kb)).toEqual({ label: 'ptconform powerpc-frag-v6.5', message: 'unexpected pass: C-LT-2', color: 'red' });
  });
});

describe('summaryBadge', () => {
  test('counts adapters whose verdict matched their expectation', () => {
    expect(summaryBadge(sampleResults)).toEqual({ label: 'ptconform', message: '2/3 as expected, 1 error(s)', color: 'red' });
    const r = cloneSample();
    r.adapters.pop();
    expect(summaryBadge(r)).toEqual({ label: 'ptconform', message: '2/2 as expected', color: 'brightgreen' });
    r.adapters = [];
    expect(summaryBadge(r)).toMatchObject({ message: 'no adapters', color: 'lightgrey' });
  });
});

describe('file names', () => {
  test('are safe, unique (case-insensitively) and never "summary"', () => {
    expect(safeBadgeName('./adapters/broken <"x"> & y.ts')).toBe('adapters_broken_x_y.ts');
    expect(safeBadgeName('///')).toBe('adapter');
    const r = cloneSample();
    const base = r.adapters[0] as AdapterResult;
    r.adapters = [{ ...base, name: 'summary' }, { ...base, name: 'A/b' }, { ...base, name: 'a b' }];
    expect(badgeFileStems(r)).toEqual(['summary-2', 'A_b', 'a_b-2']);
  });
});

describe('writeBadges (injected makeBadge)', () => {
  test('writes an SVG and a shields endpoint JSON per adapter, plus the summary', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'ptconform-badges-'));
    try {
      const dir = path.join(tmp, 'badges');
      const paths = await writeBadges(sampleResults, dir, fakeMakeBadge);
      const stems = ['x86-tlb-v6.13', 'powerpc-frag-v6.5', 'adapters_broken_x_y.ts', 'summary'];
      expect(paths).toEqual(stems.flatMap((s) => [path.join(dir, `${s}.svg`), path.join(dir, `${s}.json`)]));
      expect((await readdir(dir)).sort()).toEqual(paths.map((p) => path.basename(p)).sort());
      const expected = [...sampleResults.adapters.map(badgeFor), summaryBadge(sampleResults)];
      for (const [i, stem] of stems.entries()) {
        const badge = expected[i];
        const json: unknown = JSON.parse(await readFile(path.join(dir, `${stem}.json`), 'utf8'));
        expectShieldsEndpoint(json);
        expect(json).toEqual({ schemaVersion: 1, ...badge });
        expect(await readFile(path.join(dir, `${stem}.svg`), 'utf8')).toBe(fakeMakeBadge(badge as NonNullable<typeof badge>));
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

describe('badge-maker (outside jest)', () => {
  test('makeBadge from a dynamic import returns an SVG, and writeBadges loads it by itself', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'ptconform-badges-real-'));
    try {
      // Plain Node, not jest's module system: badge-maker is ESM-only. ts-node (a dev dependency, see
      // conventions.md) compiles the sources in the child, so writeBadges uses its own default loader.
      const script = `
        require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(path.join(repoRoot, 'tsconfig.json'))} });
        const { writeBadges } = require('./src/report/badges');
        const { sampleResults } = require('./test/report/sample-results');
        const fs = require('node:fs');
        (async () => {
          const { makeBadge } = await import('badge-maker');
          const direct = makeBadge({ label: 'ptconform', message: 'conforms', color: 'brightgreen' });
          const paths = await writeBadges(sampleResults, process.argv[1]);
          const svgs = paths.filter((p) => p.endsWith('.svg')).map((p) => fs.readFileSync(p, 'utf8'));
          process.stdout.write(JSON.stringify({ direct, svgs }));
        })().catch((e) => { console.error(e); process.exit(1); });
      `;
      const child = spawnSync(process.execPath, ['-e', script, path.join(tmp, 'out')], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const { direct, svgs } = JSON.parse(child.stdout) as { direct: string; svgs: string[] };
      expect(direct.startsWith('<svg')).toBe(true);
      expect(direct).toContain('conforms');
      expect(svgs).toHaveLength(4);
      for (const svg of svgs) expect(svg.startsWith('<svg')).toBe(true);
      expect(svgs[1]).toContain('known-bad (historical)');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
