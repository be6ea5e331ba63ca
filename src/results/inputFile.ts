/**
 * Reading an input document (a replay file, a results JSON) with one-line errors: a missing
 * path, a directory, a device or FIFO (`/dev/zero` would never end), or a file too large to be
 * one of ours is refused before a byte is read.
 */
import fs from 'fs';
import { UsageError } from '../adapter/load';

/** Largest input document read (256 MiB: a saved counterexample is a few KiB, a results JSON a few MiB). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** The text of the regular file `file`; `what` names it in errors (e.g. `replay file`). */
export function readInputText(file: string, what: string): string {
  if (file === '') throw new UsageError(`${what}: the path is empty`);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `${what} not found: ${file}` : `cannot read ${what} ${file}: ${code ?? 'stat failed'}`);
  }
  if (st.isDirectory()) throw new UsageError(`${file}: ${what} is a directory, not a file`);
  if (!st.isFile()) throw new UsageError(`${file}: ${what} is not a regular file (a device, FIFO or socket)`);
  if (st.size > MAX_INPUT_BYTES) throw new UsageError(`${file}: ${what} is ${st.size} bytes, more than the ${MAX_INPUT_BYTES} a ${what} can be`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}`);
  }
}

/** `text` parsed as JSON; a syntax error is a one-line {@link UsageError} naming `file`. */
export function parseJsonText(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`${file}: malformed ${what}: not JSON (${(e as Error).message.split('\n')[0]})`);
  }
}
