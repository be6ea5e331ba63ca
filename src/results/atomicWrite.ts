/**
 * Writing output files atomically: the text goes to a temporary file in the target's own
 * directory, is flushed to disk, and is renamed over the target, so a reader (or a full disk, or
 * an interrupted run) never leaves half a file. Errors are one line naming the file and errno.
 */
import fs from 'fs';
import path from 'path';
import { UsageError } from '../adapter/load';

/** How {@link writeFileAtomic} treats an existing target. */
export interface AtomicWriteOptions {
  /** false: refuse to replace an existing file (`EEXIST`), atomically (default true). */
  overwrite?: boolean;
}

let counter = 0;

/** A one-line {@link UsageError} for a failed write of `file`. */
export function writeError(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const what: Record<string, string> = {
    ENOSPC: 'no space left on device', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied', EPERM: 'operation not permitted',
    EROFS: 'read-only file system', EISDIR: 'is a directory', ENOTDIR: 'a parent is not a directory', EEXIST: 'already exists; not overwriting it',
    ENOENT: 'no such directory', EIO: 'input/output error', EXDEV: 'cross-device rename',
  };
  const why = code !== undefined ? `${what[code] ?? 'error'} (${code})` : (e as Error).message.split('\n')[0];
  return new UsageError(`cannot write ${file}: ${why}`);
}

/** Write `text` to `file` atomically (creating its directory); failures are a one-line {@link UsageError}. */
export function writeFileAtomic(file: string, text: string | Uint8Array, o: AtomicWriteOptions = {}): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', 0o644);
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (o.overwrite === false) {
      // link() fails with EEXIST instead of replacing: atomic and never clobbering.
      fs.linkSync(tmp, file);
      fs.unlinkSync(tmp);
    } else {
      fs.renameSync(tmp, file);
    }
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw writeError(file, e);
  }
}
