/**
 * `ptconform bugs [--json FILE|-]`: run the historical bug corpus (fixtures/bugs) with the
 * default generator and print, per bug, whether it was caught with one of the contracts the
 * catalog expects, the runs and milliseconds to the first failure, the milliseconds spent
 * shrinking, and the shrunk counterexample's length against the catalog's minimal Repro; then the
 * medians and the issue's targets (a benchmark, not a timed test). Exit 1 when an in-reach bug
 * is missed or reported under another contract.
 */
import path from 'path';
import { BUGS, OUT_OF_REACH } from '../../fixtures/bugs';
import {
  bugOrder, DEFAULT_RUNS, DEFAULT_SEED, median, outOfReachResult, replayFileOf, runBug, warmUp, type BugResult,
} from '../bugs/run';
import { UsageError } from '../adapter/load';
import { writeReplayFile } from '../results/replayFile';
import { VERSION } from '../version';
import { runBugsSeeds } from './bugsSeeds';
import { lpad, ms, pad } from './columns';
import { color, out, progressBar } from './output';
import { writeTextOutput } from './outputs';
import { checkCheckOutputs } from './outputPaths';

/** Options of `bugs`. */
export interface BugsOptions {
  json?: string;
  seed?: number;
  runs?: number;
  /** Save each shrunk counterexample as DIR/<id>.json (the replay file format). */
  save?: string;
  /** Only these bug ids. */
  only?: string[];
  /** Run every bug at each of these seeds, without shrinking (`bugs --seeds`, src/cli/bugsSeeds.ts). */
  seeds?: number[];
}

/** The `bugs --json` document. */
export interface BugsJson {
  schema: 1;
  tool: 'ptconform';
  seed: number;
  runs: number;
  bugs: {
    id: string;
    adapter: string;
    expected: string[];
    caught: boolean;
    reported: string | null;
    runsToFailure: number | null;
    msToFailure: number | null;
    msToShrink: number | null;
    length: number | null;
    minimal: number;
    outOfReach?: string;
  }[];
  summary: {
    inReach: number;
    outOfReach: number;
    passed: number;
    failed: number;
    medianMsToFailure: number | null;
    maxMsToFailure: number | null;
    medianRunsToFailure: number | null;
  };
}

/** Build the JSON document of a corpus run. */
export function bugsJson(results: BugResult[], seed: number, runs: number): BugsJson {
  const inReach = results.filter((r) => !r.outOfReach);
  const caughtMs = inReach.filter((r) => r.caught).map((r) => r.msToFailure);
  const maxMs = caughtMs.filter((x): x is number => x !== null);
  return {
    schema: 1, tool: 'ptconform', seed, runs,
    bugs: results.map((r) => ({
      id: r.id, adapter: r.adapter, expected: r.expected, caught: r.caught, reported: r.reported,
      runsToFailure: r.runsToFailure, msToFailure: r.msToFailure, msToShrink: r.msToShrink,
      length: r.length, minimal: r.minimal,
      ...(r.outOfReach !== undefined ? { outOfReach: r.outOfReach } : {}),
    })),
    summary: {
      inReach: inReach.length,
      outOfReach: results.length - inReach.length,
      passed: inReach.filter((r) => r.ok).length,
      failed: inReach.filter((r) => !r.ok).length,
      medianMsToFailure: median(caughtMs),
      maxMsToFailure: maxMs.length ? Math.max(...maxMs) : null,
      medianRunsToFailure: median(inReach.map((r) => r.runsToFailure)),
    },
  };
}

/** Run `bugs`; returns the exit code. */
export function runBugs(o: BugsOptions): number {
  checkCheckOutputs({ ...(o.json !== undefined ? { json: o.json } : {}), ...(o.save !== undefined ? { save: o.save } : {}) });
  if (o.seeds) {
    if (o.save !== undefined) throw new UsageError('--save needs a single seed: it saves shrunk counterexamples, and --seeds does not shrink');
    return runBugsSeeds({ seeds: o.seeds, runs: o.runs ?? DEFAULT_RUNS, ...(o.json !== undefined ? { json: o.json } : {}), ...(o.only ? { only: o.only } : {}) });
  }
  const known = [...BUGS.map((b) => b.id), ...OUT_OF_REACH.map((b) => b.id)];
  const unknown = (o.only ?? []).find((id) => !known.includes(id));
  if (unknown !== undefined) throw new UsageError(`--only ${unknown}: no such bug (one of ${known.join(', ')})`);
  const seed = o.seed ?? DEFAULT_SEED;
  const runs = o.runs ?? DEFAULT_RUNS;
  const bugs = BUGS.filter((b) => !o.only?.length || o.only.includes(b.id));
  const toStdout = o.json === '-';
  const say = toStdout ? (): void => undefined : out;
  warmUp(bugs.map((b) => b.adapter));
  const bar = toStdout ? { tick: () => undefined, stop: () => undefined } : progressBar(bugs.length);
  const results: BugResult[] = [];
  for (const bug of bugs) {
    results.push(runBug(bug, { seed, runs }));
    bar.tick(bug.id);
  }
  bar.stop();
  for (const o2 of OUT_OF_REACH) if (!o.only?.length || o.only.includes(o2.id)) results.push(outOfReachResult(o2));
  results.sort((a, b) => bugOrder(a.id) - bugOrder(b.id));
  const doc = bugsJson(results, seed, runs);

  if (o.save !== undefined) {
    for (const r of results) {
      const file = replayFileOf(r);
      if (file) writeReplayFile(path.join(o.save, `${r.id.replace(/[()]/g, '')}.json`), { ...file, version: VERSION });
    }
  }

  say(color.bold(`Historical bug corpus: ${doc.summary.inReach} bugs in reach, ${doc.summary.outOfReach} out of reach (seed ${seed}, up to ${runs} runs each)`));
  say();
  const header = `${pad('bug', 7)}${pad('arch / era', 34)}${pad('expected', 26)}${pad('caught', 7)}${pad('reported', 10)}${lpad('runs', 6)}${lpad('ms', 8)}${lpad('shrink', 8)}  len/min`;
  say(color.dim(header));
  for (const r of results) {
    if (r.outOfReach !== undefined) {
      say(`${pad(r.id, 7)}${color.dim(`out of reach: ${r.outOfReach}`)}`);
      continue;
    }
    const where = `${r.arch.split(' (')[0]} / ${r.era.split(' (')[0]}`;
    const caught = r.caught ? color.green('yes') : color.red('NO');
    const reported = r.reported === null ? '-' : r.ok ? r.reported : color.red(r.reported);
    const len = r.length === null ? '-' : `${r.length}/${r.minimal}`;
    const lenC = r.length !== null && r.length > r.minimal + 1 ? color.yellow(len) : len;
    say(`${pad(r.id, 7)}${pad(where.slice(0, 33), 34)}${pad(r.expected.join(',').slice(0, 25), 26)}${pad(caught, 7 + (caught.length - 3))}${pad(reported, 10 + (reported.length - (r.reported ?? '-').length))}${lpad(r.runsToFailure === null ? '-' : String(r.runsToFailure), 6)}${lpad(ms(r.msToFailure), 8)}${lpad(ms(r.msToShrink), 8)}  ${lenC}`);
  }
  const inReach = results.filter((r) => !r.outOfReach);
  const s = doc.summary;
  const over = inReach.filter((r) => r.length !== null && r.length > r.minimal + 1).map((r) => r.id);
  const slow = inReach.filter((r) => r.msToFailure !== null && r.msToFailure > 1000).map((r) => r.id);
  say();
  say(`median time to first failure ${ms(s.medianMsToFailure)} ms (${s.medianRunsToFailure ?? '-'} runs), slowest ${ms(s.maxMsToFailure)} ms; median shrink ${ms(median(inReach.map((r) => r.msToShrink)))} ms`);
  say(`targets: >= 30 bugs in reach: ${s.inReach >= 30 ? 'met' : 'NOT met'} (${s.inReach}); all caught with the right contract: ${s.failed === 0 ? 'met' : 'NOT met'}; median <= 50 ms: ${s.medianMsToFailure !== null && s.medianMsToFailure <= 50 ? 'met' : 'NOT met'}; every bug <= 1 s: ${slow.length ? `NOT met (${slow.join(', ')})` : 'met'}; shrunk length <= minimal + 1: ${over.length ? `NOT met (${over.join(', ')})` : 'met'}`);
  say(`${s.passed} passed, ${s.failed} failed`);

  if (o.json !== undefined) writeTextOutput(o.json, JSON.stringify(doc, null, 2));
  return s.failed === 0 ? 0 : 1;
}
