/**
 * The type-check cache: an adapter file that type-checked cleanly is not checked again while
 * it, every file its program read (its imports and ptconform's declarations), the TypeScript
 * version and the options are unchanged, byte for byte (SHA-256 of each file's content).
 * Entries live under os.tmpdir(); a cache that cannot be read or written is no cache.
 * `PTCONFORM_TYPECHECK_CACHE=0` turns it off.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { threadId } from 'worker_threads';

const FORMAT = 1;

function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function hashFile(file: string): string | null {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return null;
  }
}

function enabled(): boolean {
  return process.env['PTCONFORM_TYPECHECK_CACHE'] !== '0';
}

function dir(): string {
  return path.join(os.tmpdir(), `ptconform-typecheck-${process.getuid?.() ?? 'user'}`);
}

/** The cache entry of `root` checked under `settings` (the TypeScript version and options). */
function entryFile(root: string, settings: string): string {
  return path.join(dir(), `${sha256(JSON.stringify([FORMAT, settings, root]))}.json`);
}

/** Whether `root` type-checked cleanly under `settings` and nothing it read has changed since. */
export function knownGood(root: string, settings: string): boolean {
  if (!enabled()) return false;
  let files: unknown;
  try {
    files = JSON.parse(fs.readFileSync(entryFile(root, settings), 'utf8'));
  } catch {
    return false;
  }
  return Array.isArray(files) && files.length > 0
    && files.every((f) => Array.isArray(f) && typeof f[0] === 'string' && hashFile(f[0]) === f[1]);
}

/** Record that `root` type-checked cleanly under `settings`, having read `files` (including itself). */
export function rememberGood(root: string, settings: string, files: readonly string[]): void {
  if (!enabled()) return;
  const hashes = [...new Set([root, ...files])].sort().map((f) => [f, hashFile(f)]);
  if (hashes.some(([, h]) => h === null)) return;
  const target = entryFile(root, settings);
  const tmp = `${target}.${process.pid}.${threadId}.tmp`;
  try {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(hashes));
    fs.renameSync(tmp, target);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
