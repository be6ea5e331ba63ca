/**
 * The type-check cache: an adapter file that type-checked cleanly is not checked again while
 * it, every file its program read (its imports and ptconform's declarations), the TypeScript
 * version and the options are unchanged, byte for byte (SHA-256 of each file's content).
 * Entries live in ./cacheDir.ts.
 */
import fs from 'fs';
import { readCached, sha256, writeCached } from './cacheDir';

const FORMAT = 1;

function hashFile(file: string): string | null {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/** Whether `root` type-checked cleanly under `settings` and nothing it read has changed since. */
export function knownGood(root: string, settings: string): boolean {
  const text = readCached([FORMAT, settings, root], '.json');
  let files: unknown;
  try {
    files = text === null ? null : JSON.parse(text);
  } catch {
    return false;
  }
  return Array.isArray(files) && files.length > 0
    && files.every((f) => Array.isArray(f) && typeof f[0] === 'string' && hashFile(f[0]) === f[1]);
}

/** Record that `root` type-checked cleanly under `settings`, having read `files` (including itself). */
export function rememberGood(root: string, settings: string, files: readonly string[]): void {
  const hashes = [...new Set([root, ...files])].sort().map((f) => [f, hashFile(f)]);
  if (hashes.some(([, h]) => h === null)) return;
  writeCached([FORMAT, settings, root], '.json', JSON.stringify(hashes));
}
