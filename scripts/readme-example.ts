/**
 * `npm run docs`: regenerates the worked counterexample of README.md ("Reading a counterexample"),
 * the block between `<!-- example:begin -->` and `<!-- example:end -->`, from the real output of
 * the built CLI, so that the README cannot drift from what `check` prints. It re-runs the
 * command shown there, normalises what differs between runs and machines (timings become
 * `NNN ms`, the temporary `--save` directory becomes `out/`), elides the middle steps of each
 * timeline, and appends the exit code. test/readme.test.ts fails when the README differs.
 *   node dist/scripts/readme-example.js [--check]     (--check: exit 1 instead of writing)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The marker opening the generated block in README.md. */
export const BEGIN = '<!-- example:begin -->';
/** The marker closing the generated block in README.md. */
export const END = '<!-- example:end -->';

/** The command the README shows (after `npx ptconform`); `--save out/` is redirected to a temporary directory. */
export const EXAMPLE_ARGS = ['check', '--adapter', 'fixtures/broken/b1-dtor-before-rcu.ts', '--property', 'dtor', '--save', 'out/'];

/**
 * Timeline rows kept at the start and at the end. Between them a row is kept when it starts or
 * ends a segment (a run of one actor's steps), belongs to a segment of at most
 * {@link SHORT_SEGMENT} rows, or matches {@link KEY_STEP}; each gap becomes one `...` row.
 */
export const HEAD_STEPS = 6;
/** Timeline rows always kept at the end (the last one is the violating step). */
export const TAIL_STEPS = 3;
/** Segments of at most this many rows are shown whole. */
export const SHORT_SEGMENT = 4;
/** Middle rows worth showing: the table leaving the page tables or being freed. */
export const KEY_STEP = /pmd_clear|pte_free|tlb_remove_table|pagetable_free|call_rcu/;

/** A timeline row: `   12 | ...`, or the violating `>>   34 | ...`; group 1 is everything up to the step number's end. */
const STEP_ROW = /^(\s*(?:>>)?\s*\d+) \|/;

/** The output of one CLI run. */
export interface CliRun {
  stdout: string;
  status: number;
}

/** Runs the built CLI (`bin/ptconform.js`) in `root` with `args`, without colours, as a user's terminal would print it. */
export function runCli(root: string, args: readonly string[]): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  delete env['CI'];
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'ptconform.js'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 300_000 });
  if (r.error !== undefined) throw r.error;
  if (r.status === null) throw new Error(`ptconform ${args.join(' ')} was killed (${String(r.signal)})`);
  return { stdout: r.stdout, status: r.status };
}

/**
 * What differs between two runs of the same command: wall-clock timings (`824 ms` becomes
 * `NNN ms`), a worker count (`2 job(s)` becomes `N job(s)`), and `saveDir` (becomes `out/`).
 * Trailing blanks are dropped.
 */
export function normalise(output: string, saveDir: string): string {
  return output
    .split(saveDir.endsWith(path.sep) ? saveDir : saveDir + path.sep)
    .join('out/')
    .replace(/\b\d+(\.\d+)? ?ms\b/g, 'NNN ms')
    .replace(/\b\d+ job\(s\)/g, 'N job(s)')
    .replace(/[ \t]+$/gm, '');
}

/** The column (actor) a timeline row's action is in. */
function actorColumn(row: string): number {
  return row.split(' | ').slice(1).findIndex((cell) => cell.trim() !== '');
}

/** Elides the middle rows of one timeline (see {@link HEAD_STEPS}), one `...` per gap, right-aligned with the step numbers. */
function elideTable(rows: string[]): string[] {
  if (rows.length <= HEAD_STEPS + TAIL_STEPS) return rows;
  const actors = rows.map(actorColumn);
  const segmentLength = (i: number): number => {
    let from = i;
    let to = i;
    while (from > 0 && actors[from - 1] === actors[i]) from--;
    while (to < rows.length - 1 && actors[to + 1] === actors[i]) to++;
    return to - from + 1;
  };
  const keep = (row: string, i: number): boolean =>
    i < HEAD_STEPS || i >= rows.length - TAIL_STEPS || KEY_STEP.test(row) ||
    actors[i - 1] !== actors[i] || actors[i + 1] !== actors[i] || segmentLength(i) <= SHORT_SEGMENT;
  const out: string[] = [];
  let gap = false;
  rows.forEach((row, i) => {
    if (keep(row, i)) {
      gap = false;
      out.push(row);
    } else if (!gap) {
      gap = true;
      const width = STEP_ROW.exec(row)?.[1]?.length ?? 3;
      out.push(`${' '.repeat(Math.max(0, width - 3))}...`);
    }
  });
  return out;
}

/** Elides the middle steps of every timeline in `output` (see {@link elideTable}). */
export function elideSteps(output: string): string {
  const out: string[] = [];
  let table: string[] = [];
  for (const line of output.split('\n')) {
    if (STEP_ROW.test(line)) {
      table.push(line);
      continue;
    }
    out.push(...elideTable(table), line);
    table = [];
  }
  out.push(...elideTable(table));
  return out.join('\n');
}

/** The README block: a fenced transcript of the command, its (normalised, elided) output and its exit code. */
export function renderBlock(output: string, status: number): string {
  const body = output.replace(/\n+$/, '');
  return [BEGIN, '```', `$ npx ptconform ${EXAMPLE_ARGS.join(' ')}`, body, '$ echo $?', String(status), '```', END].join('\n');
}

/** `readme` with the text from {@link BEGIN} through {@link END} replaced by `block`. */
export function replaceBlock(readme: string, block: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin || readme.indexOf(BEGIN, begin + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md must contain ${BEGIN} ... ${END} exactly once`);
  }
  return readme.slice(0, begin) + block + readme.slice(end + END.length);
}

/** Runs the example in `root` and returns its README block. */
export function generateBlock(root: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ptconform-readme-'));
  try {
    const saveDir = path.join(tmp, 'out');
    const args = EXAMPLE_ARGS.map((a) => (a === 'out/' ? saveDir + path.sep : a));
    const run = runCli(root, args);
    return renderBlock(elideSteps(normalise(run.stdout, saveDir)), run.status);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** README.md of `root` as it should be: with a freshly generated example block. */
export function generateReadme(root: string): string {
  return replaceBlock(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), generateBlock(root));
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const file = path.join(root, 'README.md');
  const current = fs.readFileSync(file, 'utf8');
  const next = generateReadme(root);
  if (next === current) {
    console.log('README.md example is up to date');
    return;
  }
  if (process.argv.includes('--check')) {
    console.error('README.md example is out of date: run `npm run docs`');
    process.exitCode = 1;
    return;
  }
  fs.writeFileSync(file, next);
  console.log('README.md example regenerated');
}

if (require.main === module) main();
