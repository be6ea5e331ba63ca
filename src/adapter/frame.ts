/**
 * Where in the adapter an error was thrown: the first frame of its stack that lies in adapter
 * code (a module ptconform's loaders compiled, an in-tree adapter under `arch/` or `fixtures/`,
 * or any other file that is not ptconform's own code, a dependency's or Node's), mapped
 * back to the adapter's source file and line. The check driver prints it with the hook name:
 * `adapter threw in pte_free_defer (arch/x/y.ts:42): message`.
 */
import path from 'path';
import { fileURLToPath } from 'url';
import { describeThrown } from '../engine/hookError';
import { displayPath } from './diagnostics';
import { inside, layout } from './layout';
import { isRegistered, originalPosition, type SourcePosition } from './sourceMap';

/** A stack frame's location: `(file:line:col)` or a bare `file:line:col`, file possibly a file: URL. */
const FRAME = /^\s*at (?:.*?\()?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/**
 * Whether `file` holds ptconform's own code (anything of this installation but its adapters
 * under `arch/` and `fixtures/`, compiled or not), a dependency's or Node's, rather than an
 * adapter's.
 */
function notAdapterCode(file: string): boolean {
  if (isRegistered(file)) return false;
  if (!path.isAbsolute(file) || file.split(path.sep).includes('node_modules')) return true;
  const { pkgRoot } = layout();
  if (!inside(file, pkgRoot)) return false;
  const adapterDirs = ['arch', 'fixtures'].flatMap((d) => [path.join(pkgRoot, d), path.join(pkgRoot, 'dist', d)]);
  return !adapterDirs.some((d) => inside(file, d));
}

/**
 * The adapter source position `err` was thrown from (see the module comment), or undefined
 * when `err` has no stack or no frame of it lies in adapter code.
 */
export function adapterFrame(err: unknown): SourcePosition | undefined {
  const stack = typeof err === 'object' && err !== null ? (err as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (notAdapterCode(file)) continue;
    return originalPosition(file, Number(m[2]), Number(m[3]));
  }
  return undefined;
}

/** `file:line` of {@link adapterFrame} (relative to the current directory when inside it), or undefined. */
export function formatAdapterFrame(err: unknown): string | undefined {
  const f = adapterFrame(err);
  return f && `${displayPath(f.file)}:${f.line}`;
}

/**
 * The one-line report of `err`, thrown by the adapter hook `hook` (when known):
 * `adapter threw in pte_free_defer() (arch/x/y.ts:42): Error: message` (see {@link describeThrown};
 * the parenthesis only when {@link adapterFrame} finds the line).
 */
export function adapterThrew(hook: string | undefined, err: unknown): string {
  const where = formatAdapterFrame(err);
  return `adapter threw${hook === undefined ? '' : ` in ${hook}()`}${where === undefined ? '' : ` (${where})`}: ${describeThrown(err)}`;
}
