/**
 * Terminal niceties of `check`, under a real pseudo-terminal (util-linux `script`): the progress
 * bar appears only when stderr is a TTY and leaves the terminal's modes alone (an interrupted
 * run must not leave the cursor hidden or line wrapping off); colours follow picocolors' rule
 * and NO_COLOR turns them off. Skipped, saying so, when `script` is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, cliEnv, ensureBuilt, tmpDir, removeTmpDirs } from './helpers';

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p));
const SGR_COLOUR = /\x1b\[(?:3[0-9]|1|2)m/;
const CHECK = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check --adapter generic-v6.14 -p dtor -p lifetime --runs 20 --quiet`;

/** Run a shell command under a pty; returns everything the terminal received. */
function underPty(command: string, env: Record<string, string> = {}, unset: string[] = []): string {
  const e = cliEnv(env);
  delete e['NO_COLOR'];
  for (const k of unset) delete e[k];
  Object.assign(e, env);
  const r = spawnSync(SCRIPT!, ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...e, TERM: 'xterm' }, timeout: 60_000 });
  expect(r.status).toBe(0);
  return r.stdout;
}


afterAll(removeTmpDirs);
if (!SCRIPT) process.stderr.write('tty test skipped: util-linux script(1) not found\n');

(SCRIPT ? describe : describe.skip)('check on a terminal', () => {
  beforeAll(() => ensureBuilt());

  test('stderr a TTY: a progress bar that hides no cursor and keeps line wrapping; colours on', () => {
    const t = underPty(CHECK);
    expect(t).toMatch(/checking .* \d+\/\d+/);
    expect(t).not.toContain('\x1b[?25l');
    expect(t).not.toContain('\x1b[?7l');
    expect(t).toMatch(SGR_COLOUR);
    expect(t).toMatch(/^1 passed, 0 failed\r?$/m);
  });

  test('NO_COLOR: no colour codes (the bar still shows on the TTY)', () => {
    const t = underPty(CHECK, { NO_COLOR: '1' });
    expect(t).not.toMatch(SGR_COLOUR);
    expect(t).toMatch(/checking /);
  });

  test('stderr not a TTY: no bar at all; stdout still coloured on the TTY', () => {
    const errFile = path.join(tmpDir('tty'), 'stderr.txt');
    const t = underPty(`${CHECK} 2>${JSON.stringify(errFile)}`);
    expect(fs.readFileSync(errFile, 'utf8')).toBe('');
    expect(t).not.toMatch(/checking /);
    expect(t).toMatch(SGR_COLOUR);
  });

  test('FORCE_COLOR=0 turns colours off even on a TTY', () => {
    expect(underPty(CHECK, { FORCE_COLOR: '0' })).not.toMatch(SGR_COLOUR);
  });
});
