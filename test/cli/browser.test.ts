/**
 * The HTML report in a real headless browser: scripts/browser-check.sh renders a report of a
 * broken fixture and the generic adapter with Debian's chromium, takes a screenshot and checks
 * the DOM chromium built (the matrix table, the fixture's timeline with its violation row).
 * Skipped, saying so, when /usr/bin/chromium is absent (`apt-get install -y chromium`).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliEnv, ensureBuilt, ROOT, tmpDir, removeTmpDirs } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const SKIP_MESSAGE = `browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`;

if (!haveChromium) {
  // Shown in the run's output, next to the skipped test's name.
  process.stderr.write(`${SKIP_MESSAGE}\n`);
}


afterAll(removeTmpDirs);
describe('HTML report in headless chromium', () => {
  beforeAll(() => {
    if (haveChromium) ensureBuilt();
  });

  (haveChromium ? test : test.skip)(haveChromium ? 'matrix and the failing fixture timeline render; screenshot 1400x2000' : SKIP_MESSAGE, () => {
    const out = tmpDir('browser');
    // dtor and lifetime only (b1 fails C-DT-1), to keep it quick.
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'browser-check.sh'), out], {
      cwd: ROOT, encoding: 'utf8', env: cliEnv({ CHROMIUM, CHECK_ARGS: '-p dtor -p lifetime' }), timeout: 170_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^browser-check: ok: matrix and #cx-broken-b1-dtor-before-rcu-C-DT-1 timeline \(violation row\) rendered/m);
    expect(r.status).toBe(0);
    expect(fs.statSync(path.join(out, 'screenshot.png')).size).toBeGreaterThan(20_000);
  });
});
