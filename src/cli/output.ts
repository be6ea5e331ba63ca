/**
 * Terminal output: colours (picocolors honours NO_COLOR and non-TTY output), a progress bar on
 * stderr only when stderr is a TTY, and the machine-readable closing line `N passed, N failed`.
 */
import pc from 'picocolors';
import type { AdapterResult, ContractResult } from '../results/schema';

/** Colour helpers. */
export const color = pc;

/** Print to stdout. */
export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

/** A one-line error to stderr. */
export function err(line: string): void {
  process.stderr.write(`ptconform: ${line}\n`);
}

/** The verdict word of an adapter, coloured, with its expectation. */
export function adapterVerdict(a: AdapterResult): string {
  if (a.verdict === 'error') return pc.red('error');
  if (a.expectation === 'known-bad') return a.asExpected ? pc.yellow('known-bad, as expected') : pc.red(`UNEXPECTED (known-bad ${a.verdict === 'conforms' ? 'but conforms' : 'with other contracts'})`);
  return a.verdict === 'conforms' ? pc.green('conforms') : pc.red('violates');
}

/** One contract cell: id and a mark. */
export function cell(c: ContractResult): string {
  if (c.verdict === 'pass') return `${c.id} ${pc.green('ok')}`;
  if (c.verdict === 'fail') return `${c.id} ${pc.red('FAIL')}`;
  return `${c.id} ${pc.dim('n/a')}`;
}

/** A progress bar on stderr when it is a TTY (cli-progress); otherwise nothing. */
export function progressBar(total: number): { tick(label: string): void; stop(): void } {
  if (!process.stderr.isTTY || total <= 1) return { tick: () => undefined, stop: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cp = require('cli-progress') as typeof import('cli-progress');
  const bar = new cp.SingleBar({ stream: process.stderr, format: 'checking {bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true }, cp.Presets.shades_classic);
  bar.start(total, 0, { label: '' });
  return { tick: (label) => bar.increment(1, { label }), stop: () => bar.stop() };
}
