/**
 * The file-system fixtures the argv corpus (argv.json) refers to as `$TMP/...`: regular files,
 * a directory, symbolic and hard links to an adapter file, a FIFO, files that must not be
 * overwritten, a valid results JSON and replay files naming file adapters. `$CORPUS` is this
 * directory.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** This directory (the committed corpus). */
export const CORPUS = __dirname;

/** A minimal valid results JSON (schema 1, no adapters). */
const RESULTS = {
  schema: 1, tool: 'ptconform', version: '0.1.0', seed: 1, runs: 1, adapters: [],
  summary: { adapters: 0, passed: 0, failed: 0, notApplicable: 0, errors: 0, unexpected: 0 },
};

/** Create the fixtures in the empty directory `tmp`. */
export function setUpCorpusDir(tmp: string): void {
  const at = (p: string): string => path.join(tmp, p);
  fs.writeFileSync(at('file.txt'), 'a regular file\n');
  fs.mkdirSync(at('dir'));
  fs.symlinkSync(at('dir'), at('dirlink'));
  fs.copyFileSync(path.join(CORPUS, 'adapters', 'no-hooks.js'), at('adapter.js'));
  fs.symlinkSync(at('adapter.js'), at('link.js'));
  fs.linkSync(at('adapter.js'), at('hard.js'));
  spawnSync('mkfifo', [at('fifo')]);
  fs.writeFileSync(at('exists.ts'), '// keep me\n');
  fs.writeFileSync(at('exists.test.js'), '// keep me\n');
  fs.mkdirSync(at('site'));
  fs.writeFileSync(at('site/index.html'), JSON.stringify(RESULTS));
  fs.writeFileSync(at('results.json'), JSON.stringify(RESULTS));
  const base = JSON.parse(fs.readFileSync(path.join(CORPUS, 'replay', 'base.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(at('file-adapter.json'), JSON.stringify({ ...base, adapter: './adapter.js' }));
  fs.writeFileSync(at('gone-adapter.json'), JSON.stringify({ ...base, adapter: './gone.ts' }));
}

/** `s` with `$TMP`, `$CORPUS` and `$ROOT` (the repository) replaced. */
export function expand(s: string, tmp: string): string {
  return s.replace(/\$TMP/g, tmp).replace(/\$CORPUS/g, CORPUS).replace(/\$ROOT/g, path.resolve(CORPUS, "..", ".."));
}
