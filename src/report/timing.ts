/** Wall-clock time attributed to contract results, for reports that add times up (JUnit). */
import type { ContractResult } from '../results/schema';

/**
 * The milliseconds attributable to each of `contracts` (one adapter's results, same order).
 * A result's `ms` is the time of the fast-check run that decided it, and one run decides several
 * contracts: every contract still running when a property passes shares that run's `ms` (and a
 * one-pass check decides all of a property's contracts in one run). So results of the same
 * property with the same `ms` are taken as one run, whose time is split equally among them, and
 * the attributed times add up to the time the adapter was checked. `n/a` results take no time.
 */
export function attributedMs(contracts: readonly ContractResult[]): number[] {
  const key = (c: ContractResult): string => `${c.property}\u0000${c.ms}`;
  const shares = new Map<string, number>();
  for (const c of contracts) if (c.verdict !== 'n/a') shares.set(key(c), (shares.get(key(c)) ?? 0) + 1);
  return contracts.map((c) => (c.verdict === 'n/a' ? 0 : Math.max(0, c.ms) / (shares.get(key(c)) ?? 1)));
}

/** `ms` as JUnit seconds with millisecond precision, e.g. `1.234`. */
export function junitSeconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
