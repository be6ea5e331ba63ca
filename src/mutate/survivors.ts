/**
 * The survivors classification file, `mutation/survivors.json`: surviving mutants by stable ID
 * (src/mutate/enumerate.ts), each with a class. `equivalent`: the mutant is equivalent in the
 * kernel too (`reason` says why); `model-limit`: the kernel bug it would be is one the model
 * cannot show (`limit` names the limit, e.g. "hooks run as one atomic step"). The harness
 * reports survivors without an entry as unclassified and leaves equivalent ones out of the
 * kill rate.
 *
 * ```json
 * { "schema": 1, "survivors": { "arch/x.ts#f/DEL/0123456789": { "class": "equivalent", "reason": "..." } } }
 * ```
 */
import fs from 'fs';

/** One classified survivor. */
export type SurvivorClass =
  | { class: 'equivalent'; reason: string }
  | { class: 'model-limit'; limit: string; reason?: string };

/** The classifications, by mutant ID. */
export type Classifications = Map<string, SurvivorClass>;

/** A malformed classification file: one line naming the file and the entry. */
export class SurvivorsFileError extends Error {}

/** Parse the text of a survivors file (`file` names it in errors). */
export function parseSurvivors(text: string, file: string): Classifications {
  const fail = (what: string): never => {
    throw new SurvivorsFileError(`${file}: ${what}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const d = doc as { schema?: unknown; survivors?: unknown } | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return fail('expected an object');
  if (d.schema !== 1) fail(`schema: expected 1, got ${JSON.stringify(d.schema)}`);
  if (typeof d.survivors !== 'object' || d.survivors === null || Array.isArray(d.survivors)) return fail('survivors: expected an object keyed by mutant ID');
  const out: Classifications = new Map();
  const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  for (const [id, raw] of Object.entries(d.survivors as Record<string, unknown>)) {
    if (!/^[^#\s]+#[^/\s]+\/(DEL|SWAP|NEG|CALL|CONST)\/[0-9a-f]{10}$/.test(id)) fail(`survivors: '${id}' is not a mutant ID (file#unit/OPERATOR/hash)`);
    const e = raw as { class?: unknown; reason?: unknown; limit?: unknown } | null;
    if (typeof e !== 'object' || e === null) return fail(`survivors['${id}']: expected an object`);
    if (e.class === 'equivalent') {
      if (!nonEmpty(e.reason)) fail(`survivors['${id}'].reason: an equivalent mutant needs a reason`);
      out.set(id, { class: 'equivalent', reason: e.reason as string });
    } else if (e.class === 'model-limit') {
      if (!nonEmpty(e.limit)) fail(`survivors['${id}'].limit: name the model limit`);
      out.set(id, { class: 'model-limit', limit: e.limit as string, ...(nonEmpty(e.reason) ? { reason: e.reason } : {}) });
    } else {
      fail(`survivors['${id}'].class: expected 'equivalent' or 'model-limit', got ${JSON.stringify(e.class)}`);
    }
  }
  return out;
}

/** Read the survivors file `file`; a missing file is no classification at all. */
export function readSurvivors(file: string): Classifications {
  if (!fs.existsSync(file)) return new Map();
  return parseSurvivors(fs.readFileSync(file, 'utf8'), file);
}
