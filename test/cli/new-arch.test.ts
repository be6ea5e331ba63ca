/**
 * `ptconform new-arch NAME [--dir DIR]`: the scaffold is a valid adapter at once (check runs on
 * it and it conforms), compiles under the strict settings an adapter author would use, carries
 * a TODO at each hook, and an existing file is never overwritten. Its tsconfig.json lets
 * `tsc --noEmit -p DIR` resolve `ptconform/kernel` outside the repository, with the options
 * `check` type-checks with.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, expectOneLineError, ROOT, runCli, tmpDir, removeTmpDirs } from './helpers';

let dir: string;
let file: string;


afterAll(removeTmpDirs);
beforeAll(() => {
  ensureBuilt();
  dir = tmpDir('new-arch');
  file = path.join(dir, 'adapters', 'myarch-v6.14.ts');
});

describe('new-arch', () => {
  test('writes DIR/NAME.ts (creating DIR), importing only ptconform/kernel', () => {
    const r = runCli(['new-arch', 'myarch-v6.14', '--dir', path.join(dir, 'adapters')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${file}`);
    const text = fs.readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/^(?:import .*|\}) from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['ptconform/kernel']);
    expect(text).toContain("name: \"myarch-v6.14\"");
    // A TODO at each hook, and at the placeholders.
    for (const hook of ['pte_alloc_one', 'pte_free', 'pte_free_defer', '__pte_free_tlb', '__tlb_remove_table']) {
      expect(text).toMatch(new RegExp(`TODO ${hook}:[\\s\\S]*?\\n  ${hook}\\(`));
    }
    expect(text).toMatch(/TODO optional hooks/);
    expect(text).toMatch(/\/\/ TODO: your architecture's directory[\s\S]*arch: 'TODO'/);
    expect(text).toMatch(/\/\/ TODO: the kernel version[\s\S]*era: 'v6\.14'/);
    // Every declaration has a comment saying why its value is safe (or a fact to set).
    const decl = /declarations: \{([\s\S]*?)\n {2}\},/.exec(text)![1]!;
    const keys = [...decl.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]);
    expect(keys).toEqual([
      'SMP', 'THP', 'HIGHPTE', 'SPLIT_PTE_PTLOCKS', 'ALLOC_SPLIT_PTLOCKS', 'MMU_GATHER_TABLE_FREE', 'MMU_GATHER_RCU_TABLE_FREE',
      'GUP_GET_PXX_LOW_HIGH', 'PT_RECLAIM', 'flushTransport', 'tablesPerPage', 'pgtableIsPtePointer', 'ctorDtor', 'tlbDelayRmap',
      'irqOffIsRcuReader',
    ]);
    expect((decl.match(/Safe:/g) ?? []).length).toBeGreaterThanOrEqual(7);
  });

  test('check --adapter DIR/NAME.ts runs on it at once, and it conforms', () => {
    const r = runCli(['check', '--adapter', file, '--runs', '40', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^myarch-v6\.14 {2}TODO v6\.14 {2}conforms$/m);
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(r.status).toBe(0);
  });

  test('it compiles under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes', () => {
    const tsconfig = path.join(dir, 'tsconfig.json');
    fs.writeFileSync(tsconfig, JSON.stringify({
      compilerOptions: {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, target: 'ES2022',
        module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, skipLibCheck: true, types: [],
        baseUrl: '.', paths: { 'ptconform/kernel': [path.join(ROOT, 'src', 'kernel')] },
      },
      files: [file],
    }));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('writes DIR/tsconfig.json: strict, paths to this installation, and tsc --noEmit -p DIR passes', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, 'adapters', 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { strict?: boolean; paths?: Record<string, string[]> };
    };
    expect(tsconfig.compilerOptions.strict).toBe(true);
    expect(tsconfig.compilerOptions.paths).toEqual({
      'ptconform/kernel': [path.join(ROOT, 'dist', 'src', 'kernel', 'index.d.ts')],
      ptconform: [path.join(ROOT, 'dist', 'src', 'index.d.ts')],
    });
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(dir, 'adapters')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The same project sees a type error that check refuses too.
    const bad = path.join(dir, 'adapters', 'bad.ts');
    fs.writeFileSync(bad, "import { call_rcu } from 'ptconform/kernel';\nexport const f = (): void => call_rcu(1, () => {});\n");
    try {
      const rb = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(dir, 'adapters')], { encoding: 'utf8', timeout: 60_000 });
      expect(rb.stdout).toMatch(/bad\.ts\(2,\d+\): error TS2345/);
    } finally {
      fs.rmSync(bad);
    }
  });

  test('keeps an existing tsconfig.json', () => {
    const d = tmpDir('new-arch-tsconfig');
    fs.writeFileSync(path.join(d, 'tsconfig.json'), '{}\n');
    const r = runCli(['new-arch', 'kept-v6.14', '--dir', d]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`kept the existing ${path.join(d, 'tsconfig.json')}`);
    expect(fs.readFileSync(path.join(d, 'tsconfig.json'), 'utf8')).toBe('{}\n');
  });

  test('refuses to overwrite an existing file (exit 2, file unchanged)', () => {
    fs.appendFileSync(file, '// my edits\n');
    const before = fs.readFileSync(file, 'utf8');
    expectOneLineError(runCli(['new-arch', 'myarch-v6.14', '--dir', path.join(dir, 'adapters')]), /already exists; not overwriting it$/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('--dir defaults to the current directory', () => {
    const cwd = tmpDir('new-arch-cwd');
    const r = runCli(['new-arch', 'other-v6.14'], { cwd });
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'other-v6.14.ts'))).toBe(true);
  });
});
