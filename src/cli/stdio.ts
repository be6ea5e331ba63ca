/**
 * What happens when stdout or stderr cannot be written: a closed pipe (`ptconform check | head`)
 * ends the process quietly with the status a SIGPIPE would give (141, as `seq 1 1000000 | head`
 * does), any other failure (`> /dev/full`: ENOSPC) is one line on stderr and exit 2. Never a
 * stack trace.
 */

/** The exit status after stdout's reader went away (128 + SIGPIPE). */
export const EPIPE_EXIT = 141;

let installed = false;

/** The one line said when stdout fails with `e` (null for a closed pipe: nothing to say). */
export function stdoutFailure(e: NodeJS.ErrnoException): string | null {
  if (e.code === 'EPIPE') return null;
  const why = e.code === 'ENOSPC' ? 'no space left on device (ENOSPC)' : e.code ?? e.message.split('\n')[0];
  return `ptconform: cannot write to stdout: ${why}\n`;
}

/** Install the handlers (once per process); `exit` is injectable for tests. */
export function installStdioGuards(exit: (code: number) => void = (c) => process.exit(c)): void {
  if (installed) return;
  installed = true;
  let failed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    const line = stdoutFailure(e);
    if (line === null) return exit(EPIPE_EXIT);
    try {
      process.stderr.write(line);
    } catch {
      /* stderr is gone too: the status still says it */
    }
    exit(2);
  });
  process.stderr.on('error', () => {
    if (failed) return;
    failed = true;
    exit(2);
  });
}
