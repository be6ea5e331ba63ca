/**
 * Terminal output: colours (picocolors: off with NO_COLOR or when stdout is not a TTY), a
 * progress bar on stderr only when stderr is a TTY, and the machine-readable closing line
 * `N passed, N failed`.
 */
import picocolors from 'picocolors';
import type { AdapterResult, ContractResult } from '../results/schema';
import { knownBadLabel } from '../adapter/types';
import { exceptFindings } from '../report/findings';
import { contractOutcome, judgeExpectation } from '../check/expectation';

/**
 * Whether to colour stdout: picocolors' own rule (NO_COLOR or `--no-color` turn colours off;
 * FORCE_COLOR, `--color`, a TTY stdout with TERM other than `dumb`, or CI turn them on), except
 * that FORCE_COLOR=0 (or `false`) turns them off, as it does for Node and supports-color
 * (picocolors reads any non-empty FORCE_COLOR, even `0`, as "on").
 */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv, stdoutIsTTY = process.stdout.isTTY === true): boolean {
  if (env.NO_COLOR || argv.includes('--no-color')) return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  return Boolean(force) || argv.includes('--color') || process.platform === 'win32' || (stdoutIsTTY && env.TERM !== 'dumb') || Boolean(env.CI);
}

const pc = picocolors.createColors(colorEnabled());

/** Colour helpers. */
export const color = pc;

/** Print to stdout. */
export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

/** A one-line error to stderr (line breaks inside `line`, e.g. from a file name, become spaces). */
export function err(line: string): void {
  process.stderr.write(`ptconform: ${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
}

/** The verdict word of an adapter, coloured, with its expectation, and ` except finding F1` when its check ran into known generic-mm findings. */
export function adapterVerdict(a: AdapterResult): string {
  const except = exceptFindings(a);
  const findings = except ? pc.yellow(except) : '';
  if (a.verdict === 'error') return pc.red('error') + findings;
  if (a.expectation === 'known-bad') {
    const label = knownBadLabel(a.knownBad?.kind);
    if (a.asExpected) return pc.yellow(`${label}, as expected`) + findings;
    const j = judgeExpectation(a, a.contracts);
    const why = j.unexpected.length
      ? `other contracts fail: ${j.unexpected.join(', ')}`
      : j.missing.length
        ? `documented ${j.missing.join(', ')} passed: not found in ${a.scenarios ?? 'these'} scenarios (a larger --runs?)`
        : a.verdict === 'conforms' ? 'but conforms' : 'with other contracts';
    return pc.red(`UNEXPECTED (${label}: ${why})`) + findings;
  }
  return (a.verdict === 'conforms' ? pc.green('conforms') : pc.red('violates')) + findings;
}

/** One contract cell of `adapter`: id and a mark (XPASS: a documented known-bad contract that passed). */
export function cell(adapter: AdapterResult, c: ContractResult): string {
  if (c.verdict === 'pass') return contractOutcome(adapter, c) === 'xpass' ? `${c.id} ${pc.red('XPASS')}` : `${c.id} ${pc.green('ok')}`;
  if (c.verdict === 'fail') return `${c.id} ${pc.red('FAIL')}`;
  return `${c.id} ${pc.dim('n/a')}`;
}

/** A progress bar: `tick` counts one unit done, `update` sets the count; `stop` clears it. */
export interface ProgressBar {
  tick(label: string): void;
  update(value: number, label: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a TTY (cli-progress); otherwise nothing. It leaves the
 * terminal as it found it even when the run is interrupted: the check runs synchronously, so
 * no SIGINT handler could restore a hidden cursor or disabled line wrapping, and the bar
 * changes neither (`hideCursor: false`, `linewrap: true`, which also trims it to the width).
 */
export function progressBar(total: number): ProgressBar {
  if (!process.stderr.isTTY || total <= 1) return { tick: () => undefined, update: () => undefined, stop: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cp = require('cli-progress') as typeof import('cli-progress');
  const bar = new cp.SingleBar({
    stream: process.stderr, format: 'checking {bar} {value}/{total} {label}', hideCursor: false, linewrap: true, clearOnComplete: true,
  }, cp.Presets.shades_classic);
  bar.start(total, 0, { label: '' });
  return {
    tick: (label) => bar.increment(1, { label }),
    update: (value, label) => bar.update(Math.min(value, total), { label }),
    stop: () => bar.stop(),
  };
}
