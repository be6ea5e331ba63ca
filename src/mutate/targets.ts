/**
 * What the harness mutates and against what: the adapter files under `arch/`, their import
 * graph, the file each correct registered adapter is loaded from, the files each adapter's
 * code lives in, and the function units its hooks reach (by name, from the files' top-level
 * code: the adapter objects and the hook tables they spread).
 */
import fs from 'fs';
import path from 'path';
import type { Adapter } from '../adapter/types';
import { typescript } from '../adapter/tsApi';
import { functionUnits, type Unit } from './enumerate';

/** The adapter source files under `root` (every `.ts` but the registries, `index.ts`), absolute, sorted. */
export function adapterSourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && e.name !== 'index.ts') out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** The import graph of `files`: each file → the files of the set it imports (relative specifiers). */
export function importGraph(files: readonly string[], read: (f: string) => string): Map<string, string[]> {
  const ts = typescript();
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const imp of ts.preProcessFile(read(f), true, false).importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(f), imp.fileName);
      const hit = [base, `${base}.ts`, path.join(base, 'index.ts')].find((c) => known.has(c));
      if (hit && !deps.includes(hit)) deps.push(hit);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** `from` and every file it imports, directly or not. */
export function closure(graph: ReadonlyMap<string, readonly string[]>, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) for (const d of graph.get(stack.pop()!) ?? []) if (!seen.has(d)) { seen.add(d); stack.push(d); }
  return seen;
}

/**
 * The files between `entry` and `target` (entry included): each imports `target`, directly or
 * not, so each must load from source for the mutated `target` to be the one that runs.
 */
export function importChain(graph: ReadonlyMap<string, readonly string[]>, entry: string, target: string): string[] {
  return [...closure(graph, entry)].filter((f) => f !== target && closure(graph, f).has(target)).sort();
}

/**
 * The file each of `adapters` is the default export of, found by loading the files' modules
 * with `load` (compiled twins when running compiled) and comparing objects; adapters found in
 * none are left out.
 */
export function adapterEntries(adapters: readonly Adapter[], files: readonly string[], load: (f: string) => unknown): Map<Adapter, string> {
  const out = new Map<Adapter, string>();
  for (const f of files) {
    const m = load(f) as { default?: unknown } | null;
    const a = adapters.find((x) => x === m?.default);
    if (a && !out.has(a)) out.set(a, f);
  }
  return out;
}

/**
 * The units of `files` that the adapters' code reaches: starting from the names the files'
 * top-level code mentions, every function unit whose name (or, for an object's member, whose
 * object's name) is mentioned by reached code. Units that build declarations are left out.
 */
export function reachableUnits(files: readonly string[], read: (f: string) => string): Map<string, Unit[]> {
  const ts = typescript();
  const perFile = new Map<string, Unit[]>();
  const names = new Set<string>();
  for (const f of files) {
    const sf = ts.createSourceFile(f, read(f), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const { units, topRefs } = functionUnits(sf);
    perFile.set(f, units);
    for (const n of topRefs) names.add(n);
  }
  const owner = (u: Unit): string => u.name.split('.')[0]!;
  const reached = new Set<Unit>();
  for (let grew = true; grew;) {
    grew = false;
    for (const units of perFile.values()) {
      for (const u of units) {
        if (reached.has(u) || u.declarations || !names.has(owner(u))) continue;
        reached.add(u);
        grew = true;
        for (const n of u.refs) names.add(n);
      }
    }
  }
  return new Map([...perFile].map(([f, us]) => [f, us.filter((u) => reached.has(u))]));
}
