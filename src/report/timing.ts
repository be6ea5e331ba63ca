/** Wall-clock time attributed to contract results, for reports that add times up (JUnit). */
import type { AdapterResult, ContractResult } from '../results/schema';

/**
 * The milliseconds attributable to each contract result of `adapter` (same order), adding up to
 * the time its check took. With the one-pass check, `adapter.ms` is the whole check and a failed
 * contract's `ms` the shrinking of its counterexample: each failed contract gets its shrinking
 * time, and the rest (the search, which judged every contract on every scenario) is split equally
 * among the contracts that ran. Results without `adapter.ms` (written by the per-property driver,
 * where a contract's `ms` is the fast-check run that decided it) count results of one property
 * with the same `ms` as one run, whose time they share. `n/a` results take no time.
 */
export function attributedMs(adapter: Pick<AdapterResult, 'contracts' | 'ms'>): number[] {
  const ran = adapter.contracts.filter((c) => c.verdict !== 'n/a');
  if (adapter.ms !== undefined) {
    const shrinking = ran.reduce((s, c) => s + (c.verdict === 'fail' ? Math.max(0, c.ms) : 0), 0);
    const share = ran.length > 0 ? Math.max(0, adapter.ms - shrinking) / ran.length : 0;
    return adapter.contracts.map((c) => (c.verdict === 'n/a' ? 0 : share + (c.verdict === 'fail' ? Math.max(0, c.ms) : 0)));
  }
  const key = (c: ContractResult): string => `${c.property}\u0000${c.ms}`;
  const shares = new Map<string, number>();
  for (const c of ran) shares.set(key(c), (shares.get(key(c)) ?? 0) + 1);
  return adapter.contracts.map((c) => (c.verdict === 'n/a' ? 0 : Math.max(0, c.ms) / (shares.get(key(c)) ?? 1)));
}

/** `ms` as JUnit seconds with millisecond precision, e.g. `1.234`. */
export function junitSeconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
