/**
 * Running a script against the BUILT loader (dist/src/adapter) in a fresh Node process or a
 * worker thread, the way the CLI loads adapters: jest's module sandbox ignores Node's module
 * hooks, so these tests never load adapters in-process with `loadAdapterFile`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../cli/helpers';

/** A file of the build, e.g. `dist('src/adapter/load.js')`. */
export function dist(rel: string): string {
  return path.join(ROOT, 'dist', rel);
}

/** Run the CommonJS `script` in a new Node process; its stdout parsed as JSON. */
export function runNode(script: string): unknown {
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

/** Run the CommonJS `script` in a worker thread; the first message it posts (parentPort). */
export function runWorker(script: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { eval: true });
    w.once('message', (m: unknown) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`worker exited (${code}) without a message`)));
  });
}
