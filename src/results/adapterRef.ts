/**
 * How a replay file names its adapter: a registry adapter by its name; a file adapter by its
 * path relative to the replay file's own directory (so the pair can be moved or committed
 * together, whatever directory `check` ran in), with the sha256 of the adapter's source so that
 * `replay` can tell "fixed" from "edited since".
 */
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { isPathRef, UsageError } from '../adapter/load';
import type { ReplayFile } from './replayFile';

/** The sha256 (hex) of the file `file`, or null when it cannot be read. */
export function sha256File(file: string): string | null {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** `to` relative to the directory `fromDir`, with `/` separators and a leading `./` or `../`. */
export function relativeRef(fromDir: string, to: string): string {
  const rel = path.relative(path.resolve(fromDir), path.resolve(to)).split(path.sep).join('/');
  return rel.startsWith('../') || rel.startsWith('/') ? rel : `./${rel}`;
}

/** The adapter fields of a replay file saved as `replayFile` for the adapter `ref` (a name or a path given to `check`). */
export function adapterFieldsForSave(ref: string, replayFile: string): Pick<ReplayFile, 'adapter' | 'adapterSha256'> {
  if (!isPathRef(ref)) return { adapter: ref };
  const hash = sha256File(ref);
  return { adapter: relativeRef(path.dirname(replayFile), ref), ...(hash !== null ? { adapterSha256: hash } : {}) };
}

/**
 * The absolute path of the file adapter named by `r` (read from `replayFile`): relative to the
 * replay file's directory; for files saved before `version` was recorded, also relative to the
 * current directory and to the replay file's parent (where `check --save DIR` usually ran).
 * Throws a one-line {@link UsageError} when it is nowhere.
 */
export function locateAdapterFile(r: ReplayFile, replayFile: string): string {
  const dir = path.dirname(path.resolve(replayFile));
  const candidates = r.version !== undefined
    ? [path.resolve(dir, r.adapter)]
    : [path.resolve(dir, r.adapter), path.resolve(r.adapter), path.resolve(dir, '..', r.adapter)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (found === undefined) {
    const where = r.version !== undefined ? 'relative to the replay file' : 'next to the replay file or in the current directory';
    throw new UsageError(`${replayFile}: adapter: file ${r.adapter} not found (looked ${where})`);
  }
  return found;
}
