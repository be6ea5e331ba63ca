/**
 * The second half of `npm run build`: after `tsc` compiled everything, the in-tree adapter
 * code (`arch/`, `fixtures/`) is emitted again through the coroutine transform
 * (./coroutines.ts), over tsc's `.js` and `.js.map`, so that registered adapters and fixtures
 * are interleavable exactly as an adapter loaded by path is. Run as
 * `node dist/src/adapter/emitAdapters.js` (package.json `build`).
 */
import fs from 'fs';
import path from 'path';
import { isAdapterSource, transpileAdapter } from './coroutines';
import { layout } from './layout';
import { typescript } from './tsApi';

/** Every `.ts` file under `dir` (recursively), sorted. */
function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/**
 * Re-emit each in-tree adapter file that tsc compiled (its `.js` exists under `dist`) through
 * the coroutine transform; returns how many files were written.
 */
export function emitAdapters(): number {
  const ts = typescript();
  const { pkgRoot, distRoot } = layout();
  if (distRoot === null) throw new Error('emitAdapters runs from the compiled dist');
  let n = 0;
  for (const top of ['arch', 'fixtures']) {
    for (const src of tsFiles(path.join(pkgRoot, top))) {
      const rel = path.relative(pkgRoot, src).split(path.sep).join('/');
      const js = path.join(distRoot, rel).replace(/\.ts$/, '.js');
      if (!isAdapterSource(rel) || !fs.existsSync(js)) continue;
      const r = transpileAdapter(ts, fs.readFileSync(src, 'utf8'), src, { mapFile: true });
      const map = JSON.parse(r.sourceMapText ?? '{}') as { file?: string; sources?: string[]; sourceRoot?: string };
      map.file = path.basename(js);
      map.sourceRoot = '';
      map.sources = [path.relative(path.dirname(js), src).split(path.sep).join('/')];
      const code = r.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${path.basename(js)}.map`);
      fs.writeFileSync(js, code);
      fs.writeFileSync(`${js}.map`, JSON.stringify(map));
      n++;
    }
  }
  return n;
}

if (require.main === module) {
  const n = emitAdapters();
  process.stdout.write(`coroutine transform: ${n} adapter files\n`);
}
