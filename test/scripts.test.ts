/**
 * The bench and soak scripts reject bad flags the way the CLI does: one line on stderr, exit 2,
 * before any work (run from the build, as `npm run bench` / `npm run soak` do).
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, ROOT } from './cli/helpers';

function script(name: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  ensureBuilt();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', `${name}.js`), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench and soak flags', () => {
  it.each([
    ['bench', ['--bogus', '1'], /^bench: unknown argument --bogus/],
    ['bench', ['--runs', 'x'], /^bench: --runs takes a non-negative integer/],
    ['bench', ['--runs', '0'], /^bench: --runs must be at least 1/],
    ['bench', ['--adapter', 'no-such-adapter'], /^bench: unknown adapter no-such-adapter/],
    ['bench', ['--bug', 'B999'], /^bench: unknown bug B999/],
    ['bench', ['--seed'], /^bench: --seed needs a value/],
    ['soak', ['--jobs', '0'], /^soak: --jobs must be at least 1/],
    ['soak', ['--frobnicate', '2'], /^soak: unknown argument --frobnicate/],
  ])('%s %j: one stderr line, exit 2', (name, args, message) => {
    const r = script(name, ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
