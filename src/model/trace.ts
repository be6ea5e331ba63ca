/**
 * Trace entries built lazily. Recording is on the model's hot path (every atomic action of
 * every run), while the text of an action is needed only by the monitors that parse it and
 * when a counterexample is rendered. So an action is recorded as its text or as a function
 * that builds the text, and the objects as up to two names; both are turned into the
 * `TraceEntry` fields on first read, then kept. A function given as action text must only
 * read values that no later step changes (names, numbers copied into locals), so that the
 * text it builds later is the text it would have built at once.
 */
import type { TraceEntry } from './types';

/** The text of a trace action, or a function that builds it when it is first read. */
export type ActionText = string | (() => string);

/** The objects of a trace action: none, one name, or a list of names. */
export type TraceObjects = string | readonly string[] | undefined;

const NONE: readonly string[] = Object.freeze([]);

/** The text of `t`, built now if it is a function. */
export function textOf(t: ActionText): string {
  return typeof t === 'string' ? t : t();
}

/** One recorded action, rendered on demand. */
export class LazyTraceEntry implements TraceEntry {
  #text: ActionText;
  #objects: TraceObjects;
  #more: string | undefined;
  #list: string[] | undefined;

  constructor(readonly actor: string, readonly op: string, text: ActionText, objects: TraceObjects, more: string | undefined) {
    this.#text = text;
    this.#objects = objects;
    this.#more = more;
  }

  /** The action's text. */
  get action(): string {
    const t = this.#text;
    if (typeof t === 'string') return t;
    const s = t();
    this.#text = s;
    return s;
  }

  /** The names of the objects the action touched. */
  get objects(): string[] {
    if (this.#list === undefined) {
      const o = this.#objects;
      const list = o === undefined ? [...NONE] : typeof o === 'string' ? [o] : [...o];
      if (this.#more !== undefined) list.push(this.#more);
      this.#list = list;
    }
    return this.#list;
  }
}

/** Plain-data copies of trace entries (what a run result carries). */
export function plainTrace(entries: readonly TraceEntry[]): TraceEntry[] {
  return entries.map((e) => ({ actor: e.actor, op: e.op, action: e.action, objects: e.objects }));
}
