/**
 * Strict command-line flags for the scripts (bench, soak): `--name value` pairs of known
 * names only. A bad flag or value is one line on stderr and exit code 2.
 */

/** How a flag's value is read: a non-negative integer, or a string (`list`: the flag may repeat). */
export type FlagKind = 'int' | 'string' | 'list';

/** Parsed flags: integers, strings, and string lists for repeatable flags. */
export type Flags = Record<string, number | string | string[]>;

/** Print `message` as the one usage line and exit 2. */
export function usageError(script: string, message: string): never {
  process.stderr.write(`${script}: ${message}\n`);
  process.exit(2);
}

/** Parse `argv` (without node and the script) against `spec`; on a bad flag, exit 2 via `usageError`. */
export function parseFlags(script: string, argv: readonly string[], spec: Record<string, FlagKind>): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const name = flag.startsWith('--') ? flag.slice(2) : '';
    const kind = spec[name];
    if (kind === undefined) usageError(script, `unknown argument ${flag} (flags: ${Object.keys(spec).map((k) => `--${k}`).join(' ')})`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) usageError(script, `${flag} needs a value`);
    if (kind === 'int') {
      if (!/^\d+$/.test(value)) usageError(script, `${flag} takes a non-negative integer, not ${JSON.stringify(value)}`);
      out[name] = Number(value);
    } else if (kind === 'list') {
      out[name] = [...((out[name] as string[] | undefined) ?? []), value];
    } else {
      out[name] = value;
    }
  }
  return out;
}
