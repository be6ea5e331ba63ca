/**
 * The machine-readable result of `ptconform check` (`--json`), schema version 1.
 *
 * Every consumer (the HTML report, badges, JUnit, KTAP, CI scripts) reads this shape and
 * nothing else. Fields are only ever added; the meaning of an existing field never changes
 * within one schema version. Timings (`ms`) are the only fields that differ between two runs
 * with the same seed.
 */

import type { Coverage } from '../check/coverage';

/** Verdict of one contract for one adapter. `n/a`: the contract does not apply to the adapter's declarations. */
export type ContractVerdict = 'pass' | 'fail' | 'n/a';

/** Verdict of one adapter: every applicable contract passed, at least one failed, or the adapter could not be run. */
export type AdapterVerdict = 'conforms' | 'violates' | 'error';

/** One atomic step of a counterexample timeline, as executed by the model. */
export interface TimelineStep {
  /** 0-based position in the executed trace. */
  index: number;
  /** Who ran it: `cpu0`, `cpu1`, ... (one actor per CPU), or `rcu` (grace periods and callbacks). */
  actor: string;
  /** The high-level operation the actor was running, e.g. `walker(pte_offset_map_lock, pmd0)`. */
  op: string;
  /** The kernel-level action of this step, e.g. `spin_lock(ptl#3)` or `pagetable_dtor(pt@0x3000)`. */
  action: string;
  /** Tables, pages and locks this step touched, by their model names (`pt@0x3000`, `ptl#3`, `page#5`). */
  objects: string[];
  /** True on the step at which the violation was detected. */
  violation?: boolean;
}

/** The violated contract and the model's explanation. */
export interface ViolationInfo {
  /** Contract ID from contracts.md, e.g. `C-DT-1`. */
  contract: string;
  /** One-sentence explanation naming the objects involved. */
  message: string;
  /** Index into `steps` of the violating step. */
  step: number;
}

/** A shrunk, replayable counterexample. */
export interface Counterexample {
  /** The executed timeline up to and including the violating step. */
  steps: TimelineStep[];
  /** Number of segments: maximal runs of consecutive steps by one actor (the unit of contracts.md's minimal scenarios). */
  length: number;
  /** fast-check seed of the run that found it. */
  seed: number;
  /** fast-check replay path (`seed` + `path` reproduce the shrunk case). */
  path: string;
  /** Where `--save` wrote the replay file, if it did. */
  file?: string;
  /** The exact command that replays it. */
  replay: string;
  /** The violated contract. */
  violation: ViolationInfo;
  /** The actors of the timeline in column order (`cpu0`, `cpu1`, ..., `rcu`). */
  actors: string[];
}

/** Result of one contract for one adapter. */
export interface ContractResult {
  /** Contract ID, e.g. `C-LT-1`. */
  id: string;
  /** The property (contract family) that checks it, e.g. `lifetime`. */
  property: string;
  /** One-line summary of the contract. */
  summary: string;
  verdict: ContractVerdict;
  /** Distinct scenarios this contract was judged on (one pass judges every contract on every scenario; 0 when `n/a`). */
  runs: number;
  /** Wall-clock milliseconds spent shrinking its counterexample (0 unless `fail`; not deterministic). */
  ms: number;
  /** Runs until the first failure, when `fail`. */
  runsToFailure?: number;
  /** The shrunk counterexample, when `fail`. */
  counterexample?: Counterexample;
}

/**
 * A known finding of the generic mm code (src/findings/registry.ts) that the check of an adapter
 * ran into: reported apart from the adapter's verdict, which does not count it (its contract's
 * verdict comes from the other scenarios). Absent from results written before findings existed.
 */
export interface FindingResult {
  /** Finding ID, e.g. `F1`. */
  id: string;
  title: string;
  /** The contract its counterexample violates. */
  contract: string;
  /** Upstream status: `open`, `reported` or `fixed`. */
  status: 'open' | 'reported' | 'fixed';
  /** Where it is described. */
  reference: string;
  /** Runs until the first scenario that showed it. */
  runsToFailure: number;
  /** Wall-clock milliseconds spent shrinking it (not deterministic). */
  ms: number;
  /** The shrunk counterexample. */
  counterexample: Counterexample;
}

/** Result of one adapter. */
export interface AdapterResult {
  /** Registry name, e.g. `riscv-sbi-v6.13`, or the path given to `--adapter`. */
  name: string;
  arch: string;
  era: string;
  verdict: AdapterVerdict;
  /** What the adapter is expected to do: conform, or fail exactly `knownBad.contracts`. */
  expectation: 'conforms' | 'known-bad';
  /** Whether the verdict matches the expectation (a known-bad adapter that passes is NOT as expected). */
  asExpected: boolean;
  /**
   * For known-bad adapters: which kind (`historical`: a bug the kernel fixed, `fix` cites the
   * commit; `suspected`: the model's own finding, not confirmed upstream; `mutation`: a
   * deliberate mutation with no kernel counterpart), the documented contracts and the fix reference.
   */
  knownBad?: { kind: 'historical' | 'suspected' | 'mutation'; contracts: string[]; fix: string };
  /** Kernel source the adapter mirrors (file, function, version). */
  source?: string;
  /** Load or run error, when verdict is `error`. */
  error?: string;
  /** The shrunk scenario that ends in the error (a hook that threw, a model limit), when there is one. */
  errorCounterexample?: Counterexample;
  /** Index of the first scenario that showed the error (ranges merge on the smallest). */
  errorIndex?: number;
  /** Distinct scenarios run (one pass: each judged on every applicable contract). */
  scenarios?: number;
  /** Wall-clock milliseconds of the adapter's check (not deterministic). */
  ms?: number;
  /** What the check exercised: hook calls, tables returned, configurations drawn (src/check/coverage.ts). */
  coverage?: Coverage;
  contracts: ContractResult[];
  /** Known generic-mm findings the check ran into, by ID (absent or empty: none); not part of `verdict`. */
  findings?: FindingResult[];
}

/** Top-level document written by `ptconform check --json`. */
export interface ResultsJson {
  schema: 1;
  tool: 'ptconform';
  version: string;
  seed: number;
  runs: number;
  /** Set on the results of one CI shard (`check --shard i/n`); `ptconform merge` joins the shards. */
  shard?: { index: number; count: number };
  adapters: AdapterResult[];
  summary: {
    adapters: number;
    /** adapter × contract cells that passed / failed / did not apply. */
    passed: number;
    failed: number;
    notApplicable: number;
    errors: number;
    /** Adapters whose verdict did not match their expectation. */
    unexpected: number;
  };
}
