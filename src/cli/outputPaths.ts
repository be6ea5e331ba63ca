/**
 * Checking output paths before a command does any work: each target must be writable where it
 * is (its nearest existing ancestor a writable directory), a file target must not be a directory
 * or a device, nothing goes under /proc, /sys or /dev, no output overwrites an input (an adapter
 * file, a `--from` file, a replay file), and no two outputs share a path. A problem is a one-line
 * {@link UsageError}; a run never ends in a lost or clobbered file.
 */
import fs from 'fs';
import path from 'path';
import { isPathRef, UsageError } from '../adapter/load';

/** One output of a command: the flag that named it, the path, and whether it is a file or a directory. */
export interface OutputTarget {
  flag: string;
  path: string;
  kind: 'file' | 'dir';
  /** For a directory: the file names it writes itself, which no other output may take. */
  owns?: RegExp;
}

/** One input of a command that no output may overwrite. */
export interface InputSource {
  flag: string;
  path: string;
}

/** Pseudo file systems and devices: never an output location. */
const FORBIDDEN_ROOTS = ['/proc', '/sys', '/dev'];

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** The canonical absolute path of `p` (symlinks of its existing part resolved) and its nearest existing ancestor. */
export function canonicalPath(p: string): { canonical: string; existing: string } {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = fs.realpathSync(cur);
      return { canonical: path.join(real, ...rest.reverse()), existing: real };
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return { canonical: abs, existing: cur };
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** Whether `p` is `root` or below it. */
function isUnder(p: string, root: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

/** Check one target; returns its canonical path. */
function checkTarget(t: OutputTarget): string {
  const say = (what: string): never => {
    throw new UsageError(`${t.flag} ${t.path}: ${what}`);
  };
  if (t.path === '') say('the path is empty');
  if (/[\0\n\r]/.test(t.path)) say('the path holds a NUL or line break');
  if (t.kind === 'file' && /[\\/]$/.test(t.path)) say('names a directory (ends in /): give a file name');
  const { canonical, existing } = canonicalPath(t.path);
  const root = FORBIDDEN_ROOTS.find((r) => isUnder(canonical, r));
  if (root !== undefined) say(`refusing to write under ${root} (not a place for output files)`);
  const st = statOrNull(canonical);
  if (st && t.kind === 'file' && st.isDirectory()) say('is a directory: give a file name');
  if (st && t.kind === 'file' && !st.isFile()) say('is not a regular file (a device, FIFO or socket)');
  if (st && t.kind === 'dir' && !st.isDirectory()) say('exists and is not a directory');
  const anc = st && t.kind === 'dir' ? canonical : st ? path.dirname(canonical) : existing;
  const ancSt = statOrNull(anc);
  if (!ancSt?.isDirectory()) say(`${anc} is not a directory, so nothing can be created below it`);
  try {
    fs.accessSync(anc, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    say(`${anc} is not writable`);
  }
  return canonical;
}

/** Whether two paths name the same existing file (also through hard links). */
function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

/**
 * Check every output target (stdout, `-`, is skipped) against the rules of the module comment;
 * throws a one-line {@link UsageError} at the first problem.
 */
export function checkOutputTargets(targets: readonly OutputTarget[], inputs: readonly InputSource[] = []): void {
  const seen: { t: OutputTarget; canonical: string }[] = [];
  const ins = inputs.filter((i) => i.path !== '').map((i) => ({ i, canonical: canonicalPath(i.path).canonical }));
  for (const t of targets) {
    if (t.path === '-' && t.kind === 'file') continue;
    const canonical = checkTarget(t);
    for (const { i, canonical: c } of ins) {
      if (c === canonical || sameFile(c, canonical)) throw new UsageError(`${t.flag} ${t.path}: would overwrite the input ${i.flag} ${i.path}`);
    }
    seen.push({ t, canonical });
  }
  checkCollisions(seen);
}

/** No two outputs share a path (two directories may: what each writes there has its own names), and no file takes a name a directory output writes. */
function checkCollisions(seen: readonly { t: OutputTarget; canonical: string }[]): void {
  for (const [i, a] of seen.entries()) {
    for (const b of seen.slice(i + 1)) {
      const same = a.canonical === b.canonical || sameFile(a.canonical, b.canonical);
      if (same && !(a.t.kind === 'dir' && b.t.kind === 'dir')) throw new UsageError(`${b.t.flag} ${b.t.path} and ${a.t.flag} ${a.t.path} name the same path: give each output its own`);
      for (const [dir, file] of [[a, b], [b, a]] as const) {
        if (dir.t.kind === 'dir' && file.t.kind === 'file' && dir.t.owns?.test(path.basename(file.canonical)) && path.dirname(file.canonical) === dir.canonical) {
          throw new UsageError(`${file.t.flag} ${file.t.path}: ${dir.t.flag} ${dir.t.path} writes files of that name; put it elsewhere`);
        }
      }
    }
  }
}

/** The output options of `check` (and `bugs`) that {@link checkCheckOutputs} looks at. */
export interface CheckOutputOptions {
  adapter?: readonly string[];
  json?: string;
  junit?: string;
  ktap?: string;
  badges?: string;
  save?: string;
}

/** The output targets of `check`/`bugs` options, in flag order. */
export function checkTargets(o: CheckOutputOptions): OutputTarget[] {
  const t: OutputTarget[] = [];
  const add = (flag: string, p: string | undefined, kind: 'file' | 'dir'): void => {
    if (p !== undefined) t.push({ flag, path: p, kind });
  };
  add('--json', o.json, 'file');
  add('--junit', o.junit, 'file');
  add('--ktap', o.ktap, 'file');
  add('--badges', o.badges, 'dir');
  add('--save', o.save, 'dir');
  const owns: Record<string, RegExp> = { '--badges': /\.(svg|json)$/i, '--save': /\.json$/i };
  return t.map((x) => (owns[x.flag] ? { ...x, owns: owns[x.flag]! } : x));
}

/** Check the outputs of `check` (or `bugs`) before the run: see {@link checkOutputTargets}. Adapter files are inputs. */
export function checkCheckOutputs(o: CheckOutputOptions): void {
  // JUnit is a file format for CI; on stdout it would be mixed into the human table.
  if (o.junit === '-') throw new UsageError("--junit writes a file: '-' (stdout) is for --json and --ktap");
  const inputs = (o.adapter ?? []).filter(isPathRef).map((p) => ({ flag: '--adapter', path: p }));
  checkOutputTargets(checkTargets(o), inputs);
}
