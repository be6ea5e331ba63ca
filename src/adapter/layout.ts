/**
 * Where this installation of ptconform lives: its root, its compiled `dist` (when running
 * compiled), the modules `ptconform/kernel` and `ptconform` name, and the compiled twin of one
 * of its TypeScript sources. The loaders (./hooks.ts, ./evaluate.ts), the type-checker
 * (./typecheck.ts) and `new-arch` agree on these through this module.
 */
import fs from 'fs';
import path from 'path';

/** The directories of this installation. */
export interface Layout {
  /** The package root (the directory of package.json). */
  pkgRoot: string;
  /** `pkgRoot/dist` when this code runs compiled, else null. */
  distRoot: string | null;
  /** The directory of `src/index` as running (`dist/src` when compiled). */
  srcDir: string;
}

/** This installation's {@link Layout}. */
export function layout(): Layout {
  const srcDir = path.join(__dirname, '..');
  const top = path.join(srcDir, '..');
  const fromDist = path.basename(top) === 'dist';
  return { pkgRoot: fromDist ? path.dirname(top) : top, distRoot: fromDist ? top : null, srcDir };
}

/** Whether `file` is `dir` or inside it. */
export function inside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir + path.sep);
}

/** Whether `file` belongs to ptconform itself (under the package root, not in `node_modules`). */
export function isOwnFile(file: string, l: Layout = layout()): boolean {
  return inside(file, l.pkgRoot) && !inside(file, path.join(l.pkgRoot, 'node_modules'));
}

/** Whether `file` is a source of ptconform itself: {@link isOwnFile}, and not in `dist`. */
export function isOwnSource(file: string, l: Layout = layout()): boolean {
  return isOwnFile(file, l) && !inside(file, path.join(l.pkgRoot, 'dist'));
}

/**
 * The compiled twin (`dist/....js`, or `.d.ts` with `ext`) of `file`, a TypeScript source of
 * ptconform, when this code runs compiled and the twin exists; otherwise null.
 */
export function compiledTwin(file: string, ext: '.js' | '.d.ts' = '.js', l: Layout = layout()): string | null {
  if (l.distRoot === null || !/\.ts$/.test(file) || /\.d\.ts$/.test(file) || !isOwnSource(file, l)) return null;
  const twin = path.join(l.distRoot, path.relative(l.pkgRoot, file)).replace(/\.ts$/, ext);
  return fs.existsSync(twin) ? twin : null;
}

/**
 * The files the package specifiers `ptconform/kernel` and `ptconform` name for an adapter:
 * `runtime` is what a module of this installation loads, `types` its declarations (the
 * dist `.d.ts` when built, else the TypeScript source).
 */
export function packageEntries(l: Layout = layout()): Record<'ptconform/kernel' | 'ptconform', { runtime: string; types: string }> {
  const entry = (rel: string): { runtime: string; types: string } => {
    const runtime = require.resolve(path.join(l.srcDir, rel));
    const dts = path.join(l.pkgRoot, 'dist', 'src', rel, 'index.d.ts');
    return { runtime, types: fs.existsSync(dts) ? dts : path.join(l.pkgRoot, 'src', rel, 'index.ts') };
  };
  return { 'ptconform/kernel': entry('kernel'), ptconform: entry('.') };
}
