/**
 * adapterFrame(): an error thrown in a hook maps back to the adapter's own file and line (the
 * TypeScript source, through the inline source map of the transpiled module), also when the
 * throw happens inside a kernel primitive the hook called. Checked for the CLI's loader (built,
 * in a child process), for an ES module adapter, and for evaluateAdapterFile in-process.
 */
import { runToEnd } from '../../src/model/coroutine';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { adapterFrame, adapterThrew, formatAdapterFrame } from '../../src/adapter/frame';
import { evaluateAdapterFile } from '../../src/adapter/evaluate';
import { hookNames } from '../../src/adapter/types';
import { scaffoldAdapter } from '../../src/cli/newArch';
import { ensureBuilt, removeTmpDirs, ROOT, tmpDir } from '../cli/helpers';
import { dist, runNode } from './child';

let dir: string;
let file: string;
let throwLine: number;
let primitiveLine: number;

afterAll(removeTmpDirs);
beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('frame');
  file = path.join(dir, 'frame.ts');
  // Type-only lines (erased by the transpiler) and a multi-line import shift the compiled lines.
  const text = scaffoldAdapter('frame-v6.14')
    .replace('const adapter: Adapter = {', 'interface Unused {\n  a: number;\n}\nconst adapter: Adapter = {')
    .replace('call_rcu((pgtable as Page).rcu_head, pte_free_now);', "throw new Error('boom in defer');")
    .replace('pagetable_dtor_free(table as Page);', 'pagetable_dtor_free(undefined as unknown as Page);');
  fs.writeFileSync(file, text);
  const lines = text.split('\n');
  throwLine = lines.findIndex((l) => l.includes('boom in defer')) + 1;
  primitiveLine = lines.findIndex((l) => l.includes('undefined as unknown')) + 1;
});

/** The frames of errors thrown by pte_free_defer and __tlb_remove_table of `adapter` (a path), loaded in a child. */
function framesInChild(adapter: string): unknown {
  return runNode(`
    const load = require(${JSON.stringify(dist('src/adapter/load.js'))});
    const frame = require(${JSON.stringify(dist('src/adapter/frame.js'))});
    const { runToEnd } = require(${JSON.stringify(dist('src/model/coroutine.js'))});
    load.loadAdapterFile(${JSON.stringify(adapter)}).then((a) => {
      const out = [];
      for (const hook of ['pte_free_defer', '__tlb_remove_table']) {
        try { runToEnd(a[hook](null, null)); out.push(null); } catch (e) { out.push({ frame: frame.adapterFrame(e), text: frame.formatAdapterFrame(e) }); }
      }
      process.stdout.write(JSON.stringify(out));
    });
  `);
}

describe('adapterFrame', () => {
  test('maps a throw in a .ts hook, and one inside a primitive it called, to the source line', () => {
    expect(framesInChild(file)).toEqual([
      { frame: { file, line: throwLine, column: 11 }, text: `${file}:${throwLine}` },
      { frame: { file, line: primitiveLine, column: expect.any(Number) }, text: `${file}:${primitiveLine}` },
    ]);
  });

  test('an ES module adapter: the line as written', () => {
    const mjs = path.join(dir, 'frame.mjs');
    const text = fs.readFileSync(path.join(ROOT, 'fixtures', 'faulty', 'esm-adapter.mjs'), 'utf8')
      .replace('call_rcu(pgtable.rcu_head, pte_free_now);', "throw new Error('boom');");
    fs.writeFileSync(mjs, text);
    const line = text.split('\n').findIndex((l) => l.includes("throw new Error('boom')")) + 1;
    expect((framesInChild(mjs) as Array<{ frame: unknown }>)[0]!.frame).toEqual({ file: mjs, line, column: 11 });
  });

  test('a registered adapter (compiled, in dist): mapped to its arch/ source through the .js.map', () => {
    const out = runNode(`
      const { ADAPTERS } = require(${JSON.stringify(dist('arch/index.js'))});
      const frame = require(${JSON.stringify(dist('src/adapter/frame.js'))});
      const { runToEnd } = require(${JSON.stringify(dist('src/model/coroutine.js'))});
      try { runToEnd(ADAPTERS.find((a) => a.name === 'generic-v6.14').pte_alloc_one(null)); } catch (e) { process.stdout.write(JSON.stringify(frame.adapterFrame(e))); }
    `) as { file: string; line: number };
    expect(out.file).toBe(path.join(ROOT, 'arch', 'generic', 'hooks.ts'));
    expect(fs.readFileSync(out.file, 'utf8').split('\n')[out.line - 1]).toContain('__pte_alloc_one(');
  });

  test('evaluateAdapterFile (in-process) maps through its own loader too', () => {
    const a = evaluateAdapterFile(file);
    let caught: unknown;
    try {
      runToEnd(a.pte_free_defer!(null as never, null as never));
    } catch (e) {
      caught = e;
    }
    expect(adapterFrame(caught)).toEqual({ file, line: throwLine, column: 11 });
    expect(adapterThrew('pte_free_defer', caught)).toBe(`adapter threw in pte_free_defer() (${file}:${throwLine}): Error: boom in defer`);
  });

  test('no stack, or no adapter frame: undefined', () => {
    expect(adapterFrame('a string')).toBeUndefined();
    expect(adapterFrame({ stack: 'Error: x\n    at f (node:internal/x:1:2)' })).toBeUndefined();
    expect(adapterFrame(new Error('thrown here, in a test of ptconform'))).toBeUndefined();
    expect(formatAdapterFrame(undefined)).toBeUndefined();
    expect(adapterThrew(undefined, new Error('first\nsecond'))).toBe('adapter threw: Error: first');
  });

  test('hookNames lists the hooks of AdapterHooks', () => {
    expect(hookNames).toContain('pte_free_defer');
    expect(new Set(hookNames).size).toBe(hookNames.length);
  });
});
