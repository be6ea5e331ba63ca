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
import { functionUnits, type FileUnits, type Unit } from './enumerate';

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
      const hit = resolveRelative(f, imp.fileName, known);
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

/** The parsed files of {@link reachableUnits} / {@link unitsReachedFrom}. */
export type ParsedFiles = Map<string, FileUnits>;

/**
 * Parse `files` into their units and top-level names. A default import of another file of the
 * set (`import base from './v6.6'`, an adapter built over another adapter) is an alias of what
 * that file's default export mentions: reaching `base` reaches the v6.6 adapter object.
 */
export function parseFiles(files: readonly string[], read: (f: string) => string): ParsedFiles {
  const ts = typescript();
  const parsed: ParsedFiles = new Map(files.map((f) => [f, functionUnits(ts.createSourceFile(f, read(f), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS))]));
  for (const [f, units] of parsed) {
    for (const [local, spec] of units.defaultImports) {
      const target = resolveRelative(f, spec, parsed);
      if (target === undefined) continue;
      const refs = units.declRefs.get(local) ?? new Set<string>();
      for (const r of parsed.get(target)!.defaultRefs) refs.add(r);
      units.declRefs.set(local, refs);
    }
  }
  return parsed;
}

/** The file of `files` a relative specifier of `from` names (`./x` → `./x.ts` or `./x/index.ts`). */
function resolveRelative(from: string, spec: string, files: { has(file: string): boolean }): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((c) => files.has(c));
}

/**
 * The units of `files` reached from the names `roots`: a unit is reached when its name (or, for
 * an object's member, its object's name) is; a reached unit reaches the names its body mentions,
 * a reached top-level name the names its declaration mentions (`declRefs`). Names are matched
 * across the files by text, not by scope: an over-approximation of what can run (a name
 * mentioned anywhere reached reaches every unit of that name). Units that build declarations
 * are left out.
 */
function reach(parsed: ParsedFiles, files: readonly string[], roots: Iterable<string>): Set<Unit> {
  const names = new Set<string>();
  const pending = [...roots];
  const reached = new Set<Unit>();
  const owner = (u: Unit): string => u.name.split('.')[0]!;
  const byOwner = new Map<string, Unit[]>();
  for (const f of files) for (const u of parsed.get(f)!.units) if (!u.declarations) byOwner.set(owner(u), [...(byOwner.get(owner(u)) ?? []), u]);
  while (pending.length) {
    const n = pending.pop()!;
    if (names.has(n)) continue;
    names.add(n);
    for (const f of files) for (const r of parsed.get(f)!.declRefs.get(n) ?? []) pending.push(r);
    for (const u of byOwner.get(n) ?? []) {
      if (reached.has(u)) continue;
      reached.add(u);
      pending.push(...u.refs);
    }
  }
  return reached;
}

/**
 * The units of `files` that the adapters' code reaches: starting from the names the files'
 * top-level code mentions, every function unit whose name (or, for an object's member, whose
 * object's name) is mentioned by reached code. Units that build declarations are left out.
 * This is what the harness mutates; {@link unitsReachedFrom} says which adapter runs which.
 */
export function reachableUnits(files: readonly string[], read: (f: string) => string, parsed = parseFiles(files, read)): Map<string, Unit[]> {
  const reached = reach(parsed, files, files.flatMap((f) => [...parsed.get(f)!.topRefs]));
  return new Map(files.map((f) => [f, parsed.get(f)!.units.filter((u) => reached.has(u))]));
}

/**
 * The units one adapter can run: those reached, within `files` (the adapter's file and every
 * file it imports), from the names its own file's top-level code mentions (the adapter object
 * it exports, the hook tables it spreads), following reached units' bodies and reached
 * top-level declarations (a hook table's `...spread`, an import alias) into the other files.
 * A unit of a shared file that only another adapter's table names (sparc32's SRMMU flush hooks
 * in arch/sparc/tlb.ts, which sparc64 adapters import for their own table) is not among them.
 * Returned as `file#unit` keys, the form of mutant IDs.
 */
export function unitsReachedFrom(entry: string, files: readonly string[], parsed: ParsedFiles, key: (f: string) => string): Set<string> {
  const p = parsed.get(entry)!;
  const roots = [...p.topRefs];
  const reached = reach(parsed, files, roots);
  return new Set(files.flatMap((f) => parsed.get(f)!.units.filter((u) => reached.has(u)).map((u) => `${key(f)}#${u.name}`)));
}
