/**
 * Source overrides for the module hooks (./hooks.ts): in-memory text that a `.ts` file loads
 * with instead of what is on disk, and files that load as TypeScript sources rather than as
 * their compiled twins. The mutation harness (src/mutate/) uses them to run a mutant of an
 * in-tree adapter file through the very path `check --adapter FILE.ts` takes (the `.ts`
 * extension hook and ./transpile.ts), without writing anything into the tree.
 *
 * Overrides are per thread (a worker thread has its own module system); set them before the
 * first load. A file that imports an overridden file must load from source too (its twin would
 * import the twin of the overridden file): list it in `fromSource`.
 */
import path from 'path';

/** What a thread loads differently (absolute paths; plain data, it crosses a worker boundary). */
export interface SourceOverrides {
  /** Path → the text to load instead of the file's. */
  texts: Record<string, string>;
  /** Further files to load as themselves (their source), never as their compiled twins. */
  fromSource: string[];
}

const texts = new Map<string, string>();
const fromSource = new Set<string>();

/** Replace this thread's overrides with `o` (an empty object clears them). */
export function setSourceOverrides(o: SourceOverrides): void {
  texts.clear();
  fromSource.clear();
  for (const [file, text] of Object.entries(o.texts)) texts.set(path.resolve(file), text);
  for (const file of o.fromSource) fromSource.add(path.resolve(file));
}

/** The text `file` loads with instead of its own, if it is overridden. */
export function sourceOverride(file: string): string | undefined {
  return texts.get(file);
}

/** Whether `file` must load as itself, not as its compiled twin (overridden, or in `fromSource`). */
export function loadsFromSource(file: string): boolean {
  return texts.has(file) || fromSource.has(file);
}
