/**
 * Helpers for the CLI tests: they run the BUILT command line (`node bin/ptconform.js`) as a
 * child process, the way users and CI do. `npm test` builds first; {@link ensureBuilt} rebuilds
 * when dist is missing or older than a source file (for `npx jest` runs), under a lock so that
 * parallel jest workers build once.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from '@jest/globals';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The CLI launcher. */
export const BIN = path.join(ROOT, 'bin', 'ptconform.js');
const MAIN_JS = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SOURCE_DIRS = ['src', 'arch', 'properties', 'fixtures'];

function newestSource(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether dist is missing or older than some source file. */
export function distIsStale(): boolean {
  if (!fs.existsSync(MAIN_JS) || !fs.existsSync(path.join(ROOT, 'dist', 'src', 'index.js'))) return true;
  const built = fs.statSync(MAIN_JS).mtimeMs;
  return SOURCE_DIRS.some((d) => newestSource(path.join(ROOT, d)) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build as `npm run build` does (tsc -p tsconfig.build.json, then the coroutine transform of the
 * in-tree adapters) when {@link distIsStale}; once across parallel workers.
 */
export function ensureBuilt(): void {
  if (!distIsStale()) return;
  const lock = path.join(os.tmpdir(), `ptconform-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  for (const t0 = Date.now(); ; ) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is building: wait for it, then use its build (or take over a stale lock).
      const st = fs.statSync(lock, { throwIfNoEntry: false });
      if (Date.now() - t0 > 180_000 || (st !== undefined && Date.now() - st.mtimeMs > 300_000)) {
        fs.rmSync(lock, { recursive: true, force: true });
      }
      sleep(200);
      if (!fs.existsSync(lock) && !distIsStale()) return;
    }
  }
  try {
    if (!distIsStale()) return;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT, encoding: 'utf8', timeout: 170_000,
    });
    // tsc emits even with type errors (reported by `npm run typecheck`); only a missing CLI is fatal.
    if (!fs.existsSync(MAIN_JS)) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
    const e = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'adapter', 'emitAdapters.js')], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    if (e.status !== 0) throw new Error(`the coroutine transform of the adapters failed:\n${e.stdout}${e.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The environment of a CLI child: no colours, whatever the CI sets. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env['FORCE_COLOR'];
  delete env['CI'];
  return env;
}

/** Run `ptconform ...args` (built) in `cwd`. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: cliEnv(opts.env), timeout: opts.timeout ?? 60_000,
  });
}

/** Assert a usage/adapter error: exit 2, exactly one line on stderr, no stack trace; returns the line. */
export function expectOneLineError(r: SpawnSyncReturns<string>, pattern?: RegExp): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect({ status: r.status, lines }).toEqual({ status: 2, lines: [expect.any(String)] });
  const line = lines[0]!;
  expect(line).not.toMatch(/^\s+at |\bat .*:\d+:\d+\)?$/);
  expect(line).not.toMatch(/internal error/);
  if (pattern) expect(line).toMatch(pattern);
  return line;
}

const made: string[] = [];

/** A fresh temporary directory (removed by {@link removeTmpDirs}). */
export function tmpDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `ptconform-${prefix}-`));
  made.push(d);
  return d;
}

/** Remove the directories {@link tmpDir} made in this test file (set PTCONFORM_KEEP_TMP=1 to keep them). */
export function removeTmpDirs(): void {
  if (process.env['PTCONFORM_KEEP_TMP']) return;
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
