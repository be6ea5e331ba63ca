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
import { parseSeeds, SeedSpecError } from '../bugs/seeds';
import { runReport } from './report';
import { runNewArch } from './newArch';
import { runExport } from './exportJest';
import { collectText, intFlag, replayPathFlag, runsFlag, seedFlag, textFlag } from './flags';
import { runMerge } from './merge';
import { installStdioGuards } from './stdio';

function seedsArg(v: string): number[] {
  try {
    return parseSeeds(v);
  } catch (e) {
    if (e instanceof SeedSpecError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/** Build the commander program; `setCode` receives each command's exit code. */
export function buildProgram(setCode: (code: number) => void): Command {
  // `--seed random` draws a seed while parsing; the command prints it once the inputs are read.
  let randomSeed: number | undefined;
  const seedArg = seedFlag((s) => {
    randomSeed = s;
  });
  const noteSeed = (): void => {
    if (randomSeed !== undefined) process.stderr.write(`ptconform: --seed random chose seed ${randomSeed} (rerun with --seed ${randomSeed})\n`);
  };
  const program = new Command('ptconform')
    .description('Property-based conformance suite for the Linux code that frees page tables')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError(false)
    .showSuggestionAfterError(false)
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // One line, in the same shape as every other error: `ptconform: <what>`.
      outputError: (s, write) => write(`ptconform: ${s.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });
  program.command('list')
    .description('list adapters, contracts and broken fixtures')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) => setCode(runList(o)));

  program.command('check')
    .description('check adapters against every applicable contract (default: every registered adapter)')
    .option('-a, --adapter <name|path|arch>', 'adapter name from `list`, an arch (every adapter of it), or a .ts/.js/.mjs file (repeatable)', collectText, [])
    .option('-r, --runs <n>', 'distinct scenarios per adapter, each judged on every contract (1..10000000)', runsFlag, 10000)
    .option('-s, --seed <n>', "fast-check seed (32-bit integer, or 'random')", seedArg, 1)
    .option('-p, --property <id>', 'only this property (repeatable)', collectText, [])
    .option('-c, --contract <id>', 'only this contract (repeatable)', collectText, [])
    .option('--path <path>', 'fast-check replay path: re-run that one case (with --seed)', replayPathFlag)
    .option('-j, --jobs <n>', 'worker threads (1..64; default: the number of cores)', intFlag(1, 64))
    .option('--shard <i/n>', "check the i-th of n equal parts of every adapter's budget (CI matrix); join with 'ptconform merge'", textFlag)
    .option('--timeout <s>', "seconds one adapter's check may take (1..86400; default 600)", intFlag(1, 86400))
    .option('--json <file|->', 'write the results JSON (schema 1) to a file or stdout', textFlag)
    .option('--junit <file>', 'write JUnit XML', textFlag)
    .addOption(new Option('--ktap [file]', 'write KTAP (to a file, or stdout)').preset('-').argParser(textFlag))
    .option('--badges <dir>', 'write SVG badges and shields endpoint JSON', textFlag)
    .option('--save <dir>', 'save each counterexample as a replay file', textFlag)
    .option('-q, --quiet', 'omit counterexample timelines')
    .action(async (o) => {
      noteSeed();
      setCode(await runCheck(o));
    });

  program.command('merge')
    .description("join the results of CI shards (check --shard i/n --json) into one run's results")
    .argument('<files...>', 'the results JSON of every shard')
    .option('--json <file|->', 'write the merged results JSON to a file or stdout', textFlag)
    .option('--junit <file>', 'write JUnit XML', textFlag)
    .addOption(new Option('--ktap [file]', 'write KTAP (to a file, or stdout)').preset('-').argParser(textFlag))
    .option('--badges <dir>', 'write SVG badges and shields endpoint JSON', textFlag)
    .action(async (files: string[], o: { json?: string; junit?: string; ktap?: string; badges?: string }) => setCode(await runMerge(files, o)));

  program.command('replay')
    .description('re-run a counterexample saved by `check --save`')
    .argument('<file>', 'replay file')
    .action(async (file: string) => setCode(await runReplay(file)));

  program.command('report')
    .description('render a results JSON (from `check --json`) as DIR/index.html and DIR/matrix.md')
    .requiredOption('--from <file>', 'results JSON written by `check --json`', textFlag)
    .requiredOption('--out <dir>', 'output directory', textFlag)
    .action(async (o: { from: string; out: string }) => setCode(await runReport(o)));

  program.command('new-arch')
    .description('scaffold an out-of-tree adapter DIR/NAME.ts from the generic one (never overwrites)')
    .argument('<name>', 'adapter name, e.g. riscv-sbi-v6.14')
    .option('--dir <dir>', 'directory to write NAME.ts in', textFlag, '.')
    .action((name: string, o: { dir: string }) => setCode(runNewArch(name, o)));

  program.command('export')
    .description('turn a counterexample saved by `check --save` into a standalone jest test')
    .argument('<file>', 'replay file')
    .addOption(new Option('--as <format>', 'test format').choices(['jest']).default('jest'))
    .option('--out <path>', 'test file to write (default: ./<file>.test.js; a directory: inside it)', textFlag)
    .option('--force', 'overwrite an existing test file')
    .action((file: string, o: { as: string; out?: string; force?: boolean }) => setCode(runExport(file, o)));

  program.command('bugs')
    .description('run the historical bug corpus (fixtures/bugs): each in-reach bug must be caught with its contract')
    .option('--json <file|->', 'write the corpus results JSON to a file or stdout', textFlag)
    .option('-s, --seed <n>', "fast-check seed (32-bit integer, or 'random')", seedArg, 1)
    .option('-r, --runs <n>', 'run budget per bug (1..10000000)', runsFlag, 20000)
    .option('--save <dir>', 'save each shrunk counterexample as DIR/<id>.json', textFlag)
    .option('--only <id>', 'only this bug (repeatable)', collectText, [])
    .option('--seeds <spec>', 'run every bug at each seed (1..20, 1,5,9), no shrinking: p50/p95/max runs and ms to the first failure', seedsArg)
    .action((o: { json?: string; seed: number; runs: number; save?: string; only: string[]; seeds?: number[] }, cmd: Command) => {
      if (o.seeds && cmd.getOptionValueSource('seed') === 'cli') throw new UsageError('--seed and --seeds exclude each other');
      noteSeed();
      setCode(runBugs(o));
    });

  // commander's own `help nope` prints the whole help and exits 0: an unknown command is an error.
  program.helpCommand(false).command('help')
    .description('display help for command')
    .argument('[command]', 'the command')
    .action((name: string | undefined) => {
      const cmd = name === undefined ? program : program.commands.find((c) => c.name() === name);
      if (cmd === undefined) throw new UsageError(`unknown command '${name}' (one of ${program.commands.map((c) => c.name()).join(', ')})`);
      cmd.outputHelp();
    });

  // Without this, a bare `ptconform` prints the whole help and exits 0. Set after the commands
  // are added: subcommands inherit allowExcessArguments from their parent when created.
  program.allowExcessArguments().action((_o: unknown, cmd: Command) => {
    const commands = program.commands.map((c) => c.name()).join(', ');
    const first = cmd.args[0];
    throw new UsageError(first === undefined ? `missing command (one of ${commands}); see 'ptconform --help'` : `unknown command '${first}' (one of ${commands})`);
  });
  return program;
}

/** Entry point used by bin/ptconform.js. */
export async function main(argv: string[]): Promise<number> {
  installStdioGuards();
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
    // Not ours to explain (a bug, or something thrown that is not an Error): still one line.
    err(`internal error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return 2;
  }
}
