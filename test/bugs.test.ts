/**
 * The historical bug corpus (fixtures/bugs, issue 4):
 *  1. every in-reach bug is caught with one of its expected contracts within a bounded number of
 *     runs of the default generator at a fixed seed, so a model or generator change that loses a
 *     bug fails here;
 *  2. every saved shrunk counterexample (fixtures/counterexamples/*.json) replays to the contract
 *     it was saved with, as a regression case.
 * Timings are not asserted (`ptconform bugs` prints them as a benchmark).
 */
import fs from 'fs';
import path from 'path';
import { describe, expect, it } from '@jest/globals';
import { BUGS, OUT_OF_REACH } from '../fixtures/bugs';
import { bugOrder, monitorsFor, runBug } from '../src/bugs/run';
import { runScenario } from '../src/engine/runner';
import { readReplayFile } from '../src/results/replayFile';
import { CONTRACTS } from '../src/contracts/catalog';

/**
 * The fixed seed and the bound on runs to the first failure. The default generator finds every
 * bug within 1000 runs at each of seeds 1..20 (`ptconform bugs --seeds 1..20`) but B36 (a remote
 * walker preempted inside its two-half pmd read: 811 runs at seed 1, p50 1401 and at most 4597
 * over seeds 1..10 on its own branch; 5526 at seed 1 in the merged model with drawn geometry and
 * the new op kinds), which gets {@link SLOW_BOUND}; the bound leaves room for model changes that
 * move a race window by a step.
 */
const SEED = 1;
const BOUND = 2000;
/**
 * B36's bound (see above), and B23's: a collapse failing its spin_trylock() on a pmd lock held by
 * a twin op populating the neighbour pmd, with UFFDIO_* in the recheck window (7379 runs at seed
 * 1; caught at 7 of seeds 1..8 within 20000, median 7379).
 */
const SLOW_BOUND: Record<string, number> = { B36: 8000, B23: 12000 };
const DIR = path.join(__dirname, '..', 'fixtures', 'counterexamples');

describe('bug corpus metadata', () => {
  it('has at least 30 bugs in reach, each id once, in catalog order', () => {
    expect(BUGS.length).toBeGreaterThanOrEqual(30);
    const ids = [...BUGS.map((b) => b.id), ...OUT_OF_REACH.map((o) => o.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const order = BUGS.map((b) => bugOrder(b.id));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
  it.each(BUGS.map((b) => [b.id, b] as const))('%s: metadata is complete and names known contracts', (_id, b) => {
    expect(b.expected.length).toBeGreaterThan(0);
    // Every expected contract is a contracts.md id; at least one is a contract the model reports.
    for (const c of b.expected) expect(c).toMatch(/^C-([A-Z0-9]+-\d+|WARN|BUG)$/);
    expect(b.expected.some((c) => CONTRACTS.some((x) => x.id === c))).toBe(true);
    expect(b.minimal).toBeGreaterThanOrEqual(1);
    expect(b.src).not.toBe('');
    expect(fs.existsSync(path.join(__dirname, '..', b.file))).toBe(true);
  });
  it('gives a reason for every entry out of reach', () => {
    for (const o of OUT_OF_REACH) expect(o.reason.length).toBeGreaterThan(20);
  });
});

describe(`every in-reach bug is caught with its contract within ${BOUND} runs (seed ${SEED})`, () => {
  it.each(BUGS.map((b) => [b.id, b] as const))('%s', (_id, bug) => {
    const r = runBug(bug, { seed: SEED, runs: SLOW_BOUND[bug.id] ?? BOUND, shrink: false });
    expect(r.caught).toBe(true);
    expect(bug.expected).toContain(r.firstReported);
  });
});

describe('saved counterexamples replay to their contract', () => {
  const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
  it('there is one per in-reach bug', () => {
    for (const b of BUGS) expect(files).toContain(`${b.id.replace(/[()]/g, '')}.json`);
  });
  it.each(files)('%s', (file) => {
    const r = readReplayFile(path.join(DIR, file));
    const bug = BUGS.find((b) => b.adapter.name === r.adapter);
    const outOfReach = OUT_OF_REACH.find((o) => o.adapter?.name === r.adapter);
    const adapter = bug?.adapter ?? outOfReach?.adapter;
    expect(adapter).toBeDefined();
    const judged = new Set(r.contracts);
    const res = runScenario(adapter!, r.scenario, { judge: (v) => judged.has(v.contract), monitors: monitorsFor(adapter!) });
    expect(res.violation?.contract).toBe(r.violation.contract);
    if (bug) expect(bug.expected).toContain(res.violation?.contract);
  });
});
