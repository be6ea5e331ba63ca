/**
 * The `ptconform` command line. Exit codes: 0 every adapter met its expectation; 1 a contract
 * was violated unexpectedly (or a replay reproduced); 2 a usage error or an adapter error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../adapter/load';
import { ModelLimit } from '../model/world';
import { VERSION } from '../version';
import { runCheck } from './check';
import { runList } from './list';
import { err } from './output';
import { runReplay } from './replay';
import { runBugs } from './bugs';
import { runReport } from './report';
import { runNewArch } from './newArch';
import { runExport } from './exportJest';
import { runMerge } from './merge';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function seedArg(v: string): number {
  if (v === 'random') return Math.floor(Math.random() * 0x7fffffff);
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("expected an integer or 'random'");
  return n;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** Build the commander program; `setCode` receives each command's exit code. */
export function buildProgram(setCode: (code: number) => void): Command {
  const program = new Command('ptconform')
    .description('Property-based conformance suite for the Linux code that frees page tables')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError(false)
    .showSuggestionAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program.command('list')
    .description('list adapters, contracts and broken fixtures')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) => setCode(runList(o)));

  program.command('check')
    .description('check adapters against every applicable contract (default: every registered adapter)')
    .option('-a, --adapter <name|path>', 'adapter name from `list`, or a .ts/.js file (repeatable)', collect, [])
    .option('-r, --runs <n>', 'distinct scenarios per adapter, each judged on every contract', positiveInt, 10000)
    .option('-s, --seed <n>', "fast-check seed (integer, or 'random')", seedArg, 1)
    .option('-p, --property <id>', 'only this property (repeatable)', collect, [])
    .option('-c, --contract <id>', 'only this contract (repeatable)', collect, [])
    .option('--path <path>', 'fast-check replay path: re-run that one case (with --seed)')
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)', positiveInt)
    .option('--shard <i/n>', "check the i-th of n equal parts of every adapter's budget (CI matrix); join with 'ptconform merge'")
    .option('--timeout <s>', `seconds one adapter's check may take (default 600)`, positiveInt)
    .option('--json <file|->', 'write the results JSON (schema 1) to a file or stdout')
    .option('--junit <file>', 'write JUnit XML')
    .addOption(new Option('--ktap [file]', 'write KTAP (to a file, or stdout)').preset('-'))
    .option('--badges <dir>', 'write SVG badges and shields endpoint JSON')
    .option('--save <dir>', 'save each counterexample as a replay file')
    .option('-q, --quiet', 'omit counterexample timelines')
    .action(async (o) => setCode(await runCheck(o)));

  program.command('merge')
    .description("join the results of CI shards (check --shard i/n --json) into one run's results")
    .argument('<files...>', 'the results JSON of every shard')
    .option('--json <file|->', 'write the merged results JSON to a file or stdout')
    .option('--junit <file>', 'write JUnit XML')
    .addOption(new Option('--ktap [file]', 'write KTAP (to a file, or stdout)').preset('-'))
    .option('--badges <dir>', 'write SVG badges and shields endpoint JSON')
    .action(async (files: string[], o: { json?: string; junit?: string; ktap?: string; badges?: string }) => setCode(await runMerge(files, o)));

  program.command('replay')
    .description('re-run a counterexample saved by `check --save`')
    .argument('<file>', 'replay file')
    .action(async (file: string) => setCode(await runReplay(file)));

  program.command('report')
    .description('render a results JSON (from `check --json`) as DIR/index.html and DIR/matrix.md')
    .requiredOption('--from <file>', 'results JSON written by `check --json`')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (o: { from: string; out: string }) => setCode(await runReport(o)));

  program.command('new-arch')
    .description('scaffold an out-of-tree adapter DIR/NAME.ts from the generic one (never overwrites)')
    .argument('<name>', 'adapter name, e.g. riscv-sbi-v6.14')
    .option('--dir <dir>', 'directory to write NAME.ts in', '.')
    .action((name: string, o: { dir: string }) => setCode(runNewArch(name, o)));

  program.command('export')
    .description('turn a counterexample saved by `check --save` into a standalone jest test')
    .argument('<file>', 'replay file')
    .addOption(new Option('--as <format>', 'test format').choices(['jest']).default('jest'))
    .option('--out <path>', 'test file to write (default: ./<file>.test.js; a directory: inside it)')
    .option('--force', 'overwrite an existing test file')
    .action((file: string, o: { as: string; out?: string; force?: boolean }) => setCode(runExport(file, o)));

  program.command('bugs')
    .description('run the historical bug corpus (fixtures/bugs): each in-reach bug must be caught with its contract')
    .option('--json <file|->', 'write the corpus results JSON to a file or stdout')
    .option('-s, --seed <n>', "fast-check seed (integer, or 'random')", seedArg, 1)
    .option('-r, --runs <n>', 'run budget per bug', positiveInt, 20000)
    .option('--save <dir>', 'save each shrunk counterexample as DIR/<id>.json')
    .option('--only <id>', 'only this bug (repeatable)', collect, [])
    .action((o: { json?: string; seed: number; runs: number; save?: string; only: string[] }) => setCode(runBugs(o)));

  return program;
}

/** Entry point used by bin/ptconform.js. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      err(e.message);
      return 2;
    }
    if (e instanceof ModelLimit) {
      err(`model limit: ${e.message}`);
      return 2;
    }
    err(`internal error: ${(e as Error).message}`);
    return 2;
  }
}
