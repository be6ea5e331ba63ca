/**
 * The seed list of `ptconform bugs --seeds SPEC`: a range `1..20`, a list `1,5,9`, or both
 * (`1..5,9`). Integers only, each range ascending; repeated seeds count once.
 */

/** Most seeds one spec may name (a guard against a typo like `1..2000000`). */
export const MAX_SEEDS = 10000;

/** A seed spec that does not parse; the message is one line for the user. */
export class SeedSpecError extends Error {}

function int(s: string, spec: string): number {
  if (!/^-?\d+$/.test(s.trim())) throw new SeedSpecError(`bad seed '${s}' in '${spec}': expected an integer, a range A..B, or a comma-separated list of them`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new SeedSpecError(`seed '${s}' in '${spec}' is out of range`);
  return n;
}

/** Parse a seed spec into its seeds, in the order given; throws SeedSpecError. */
export function parseSeeds(spec: string): number[] {
  if (!spec.trim()) throw new SeedSpecError('empty seed list: expected e.g. 1..20 or 1,5,9');
  const seeds = new Set<number>();
  for (const part of spec.split(',')) {
    const range = part.split('..');
    if (range.length > 2) throw new SeedSpecError(`bad range '${part}' in '${spec}': expected A..B`);
    const lo = int(range[0]!, spec);
    const hi = range.length === 2 ? int(range[1]!, spec) : lo;
    if (hi < lo) throw new SeedSpecError(`bad range '${part}' in '${spec}': ${lo} > ${hi}`);
    if (hi - lo + seeds.size >= MAX_SEEDS) throw new SeedSpecError(`'${spec}' names more than ${MAX_SEEDS} seeds`);
    for (let s = lo; s <= hi; s++) seeds.add(s);
  }
  return [...seeds];
}
