/**
 * ptconform's small on-disk cache under os.tmpdir() (per user): entries named by a SHA-256 key,
 * written atomically, any of them missing or unreadable simply a miss. It holds what can be
 * recomputed from file contents alone (./typecheckCache.ts, ./transpile.ts).
 * `PTCONFORM_CACHE=0` turns it off.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { threadId } from 'worker_threads';

/** The SHA-256 of `data`, in hex. */
export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function enabled(): boolean {
  return process.env['PTCONFORM_CACHE'] !== '0';
}

function dir(): string {
  return path.join(os.tmpdir(), `ptconform-cache-${process.getuid?.() ?? 'user'}`);
}

/** The file of the entry whose key is the hash of `key` (any JSON-able value). */
function entryFile(key: unknown, ext: string): string {
  return path.join(dir(), `${sha256(JSON.stringify(key))}${ext}`);
}

/** The text stored under `key`, or null (a miss, or the cache is off). */
export function readCached(key: unknown, ext: string): string | null {
  if (!enabled()) return null;
  try {
    return fs.readFileSync(entryFile(key, ext), 'utf8');
  } catch {
    return null;
  }
}

/** Store `text` under `key` (best effort: a cache that cannot be written is no cache). */
export function writeCached(key: unknown, ext: string, text: string): void {
  if (!enabled()) return;
  const target = entryFile(key, ext);
  const tmp = `${target}.${process.pid}.${threadId}.tmp`;
  try {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, target);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
