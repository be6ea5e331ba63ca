/**
 * Source maps of adapter code, for mapping a thrown error's stack back to the adapter's own
 * file and line: the inline maps of the modules ./transpile.ts compiles (registered per file,
 * with the line offset of the loader that evaluated them), and the `.js.map` files next to
 * ptconform's compiled in-tree adapters under `dist`.
 */
import fs from 'fs';
import path from 'path';
import { transformEsm } from './coroutines';
import { typescript } from './tsApi';

/** A position in a source file; line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

interface Segment {
  genCol: number;
  src: number;
  line: number;
  col: number;
}

interface Decoded {
  sources: string[];
  lines: Segment[][];
}

interface Entry {
  /** The JSON text of the map, decoded on first use. */
  json?: string;
  decoded?: Decoded | null;
  /** Lines the loader put before the module's first line. */
  lineOffset: number;
  /** The directory `sources` are relative to. */
  base: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The base64 VLQ numbers of one segment of a `mappings` string. */
function vlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const digit = B64.indexOf(ch);
    if (digit < 0) return out;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Decode a version 3 source map (null when it is not one). */
function decode(json: string): Decoded | null {
  let map: { version?: unknown; sources?: unknown; mappings?: unknown; sourceRoot?: unknown };
  try {
    map = JSON.parse(json) as typeof map;
  } catch {
    return null;
  }
  if (map.version !== 3 || !Array.isArray(map.sources) || typeof map.mappings !== 'string') return null;
  const root = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
  const sources = (map.sources as unknown[]).map((s) => root + String(s));
  const state = { src: 0, line: 0, col: 0 };
  const lines = map.mappings.split(';').map((l) => {
    let genCol = 0;
    const segs: Segment[] = [];
    for (const part of l.split(',')) {
      const [g, s, sl, sc] = vlq(part);
      if (g === undefined) continue;
      genCol += g;
      if (s === undefined || sl === undefined || sc === undefined) continue;
      state.src += s;
      state.line += sl;
      state.col += sc;
      segs.push({ genCol, ...state });
    }
    return segs;
  });
  return { sources, lines };
}

const registry = new Map<string, Entry>();

/**
 * Remember the inline source map of `code`, the compiled text of `file`, evaluated by a loader
 * that puts `lineOffset` lines before it.
 */
export function registerSourceMap(file: string, code: string, lineOffset = 0): void {
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=[^;,]+;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  const entry: Entry = { lineOffset, base: path.dirname(file) };
  if (m?.[1] !== undefined) entry.json = Buffer.from(m[1], 'base64').toString('utf8');
  else entry.decoded = null;
  registry.set(file, entry);
}

/** Whether `file` was compiled by ptconform's adapter loaders. */
export function isRegistered(file: string): boolean {
  return registry.has(file);
}

/** The entry of `file`: registered, or its `.js.map` file when it has one (cached either way). */
function entryOf(file: string): Entry {
  let e = registry.get(file);
  if (e === undefined) {
    const mapFile = `${file}.map`;
    e = { lineOffset: 0, base: path.dirname(file), decoded: null };
    if (/\.js$/.test(file) && fs.existsSync(mapFile)) {
      e = { lineOffset: 0, base: path.dirname(mapFile), json: fs.readFileSync(mapFile, 'utf8') };
    } else if (/\.mjs$/.test(file) && fs.existsSync(file) && !file.split(path.sep).includes('node_modules')) {
      // An ES module adapter ran as the ESM load hook transformed it (in the hooks thread): the
      // same transform here gives the same code and its map.
      const code = transformEsm(typescript(), fs.readFileSync(file, 'utf8'), file);
      const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=[^;,]+;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
      if (m?.[1] !== undefined) e = { lineOffset: 0, base: path.dirname(file), json: Buffer.from(m[1], 'base64').toString('utf8') };
    }
    registry.set(file, e);
  }
  if (e.decoded === undefined) e.decoded = e.json === undefined ? null : decode(e.json);
  return e;
}

/**
 * The original position of `line`:`column` (1-based) of the code that ran as `file`: through
 * its source map when it has one, otherwise the position itself.
 */
export function originalPosition(file: string, line: number, column: number): SourcePosition {
  const e = entryOf(file);
  const l = line - e.lineOffset;
  const segs = e.decoded?.lines[l - 1];
  if (!e.decoded || !segs || segs.length === 0) return { file, line: l, column };
  let best = segs[0]!;
  for (const s of segs) if (s.genCol <= column - 1) best = s;
  const src = e.decoded.sources[best.src];
  return { file: src === undefined ? file : path.resolve(e.base, src), line: best.line + 1, column: best.col + 1 };
}
