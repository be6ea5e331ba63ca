/**
 * Running the command line in-process, through `main(argv)`, with stdout and stderr captured:
 * the same code as the built CLI, without a Node start-up per case.
 */
import { main } from '../../src/cli/main';

/** What a run printed and returned. */
export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `ptconform ...argv` in this process. */
export async function runMain(argv: string[]): Promise<MainResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const capture = (into: string[]) => ((chunk: string | Uint8Array): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

/** The non-empty lines of `text`. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}
