/**
 * Parsers of command-line flag values, strict and bounded: a bad value is commander's one-line
 * "option ... argument ... is invalid" error (exit 2), never a silently odd run.
 */
import { InvalidArgumentError } from 'commander';
import { FC_PATH_RE, SEED_MAX, SEED_MIN } from '../results/replaySchema';

/** Most runs per property (`--runs`). */
export const MAX_RUNS = 10_000_000;

/** A decimal integer flag in `min..max` (no signs other than a leading `-`, no exponents, no hex). */
export function intFlag(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^-?\d{1,16}$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer ${min}..${max}`);
    }
    return n;
  };
}

/** `--runs`: 1..{@link MAX_RUNS}. */
export const runsFlag = intFlag(1, MAX_RUNS);

/**
 * `--seed`: a 32-bit integer (signed or unsigned), or `random` (a seed drawn here, reported to
 * `onRandom` so that the command can print it for a rerun).
 */
export function seedFlag(onRandom: (seed: number) => void): (v: string) => number {
  const int = intFlag(SEED_MIN, SEED_MAX);
  return (v) => {
    if (v !== 'random') {
      try {
        return int(v);
      } catch {
        throw new InvalidArgumentError(`expected a 32-bit integer (${SEED_MIN}..${SEED_MAX}) or 'random'`);
      }
    }
    const seed = Math.floor(Math.random() * 0x7fffffff);
    onRandom(seed);
    return seed;
  };
}

/** `--path`: a fast-check replay path, colon-separated non-negative integers. */
export function replayPathFlag(v: string): string {
  if (!FC_PATH_RE.test(v)) throw new InvalidArgumentError('expected a fast-check path like 11:2:0');
  return v;
}

/** A non-empty value without NUL or line breaks (names, paths). */
export function textFlag(v: string): string {
  if (v === '' || /[\0\n\r]/.test(v)) throw new InvalidArgumentError('expected a non-empty value on one line');
  return v;
}

/** A repeatable {@link textFlag}. */
export function collectText(v: string, prev: string[]): string[] {
  return [...prev, textFlag(v)];
}
