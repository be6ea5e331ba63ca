/**
 * `npm run mutate`: mutation testing of the correct registered adapters (docs/MUTATION.md).
 * Enumerates mutants of the hook code under arch/ (DEL, SWAP, NEG, CALL, CONST), type-checks
 * them, checks each against every selected adapter whose code includes the mutated file, and
 * prints killed / survived / invalid / not run per arch and per operator, the kill rates and every
 * surviving mutant (file:line, operator, ID, diff), unclassified ones (mutation/survivors.json)
 * first. The tree is never written: mutants run from memory.
 *   node dist/scripts/mutate.js [--arch A[,B]] [--adapter NAME[,NAME]] [--operator OP[,OP]] [--mutant ID[,ID]]
 *     [--runs N] [--seed S] [--jobs J] [--limit N] [--json FILE] [--survivors FILE] [--list]
 * A bad flag is one line on stderr and exit 2.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { layout } from '../src/adapter/layout';
import { progressBar } from '../src/cli/output';
import { OPERATORS, type Operator } from '../src/mutate/enumerate';
import { buildReport, diffLines, renderReport } from '../src/mutate/report';
import { planMutation, runMutation, type MutationPlan } from '../src/mutate/run';
import { readSurvivors, SurvivorsFileError, type Classifications } from '../src/mutate/survivors';
import { writeFileAtomic } from '../src/results/atomicWrite';
import { VERSION } from '../src/version';
import { parseFlags, usageError } from './args';

const argv = process.argv.slice(2);
const list = argv.includes('--list');
const flags = parseFlags('mutate', argv.filter((a) => a !== '--list'), {
  arch: 'list', adapter: 'list', operator: 'list', mutant: 'list', runs: 'int', seed: 'int', jobs: 'int', limit: 'int', json: 'string', survivors: 'string',
});
const items = (name: string): string[] => ((flags[name] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
const runs = (flags.runs as number | undefined) ?? 10000;
const seed = (flags.seed as number | undefined) ?? 1;
const jobs = (flags.jobs as number | undefined) ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
const limit = flags.limit as number | undefined;
const json = flags.json as string | undefined;
const survivorsFile = (flags.survivors as string | undefined) ?? path.join(layout().pkgRoot, 'mutation', 'survivors.json');
if (runs < 1 || runs > 10_000_000) usageError('mutate', `--runs takes 1..10000000, not ${runs}`);
if (seed > 0xffffffff) usageError('mutate', `--seed takes a 32-bit integer, not ${seed}`);
if (jobs < 1 || jobs > 256) usageError('mutate', `--jobs takes 1..256, not ${jobs}`);
if (limit !== undefined && limit < 1) usageError('mutate', '--limit must be at least 1');
const operators = items('operator').map((op) => op.toUpperCase());
for (const op of operators) if (!(OPERATORS as readonly string[]).includes(op)) usageError('mutate', `unknown operator '${op}' (one of ${OPERATORS.join(', ')})`);
if (json !== undefined) {
  const abs = path.resolve(json);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) usageError('mutate', `--json ${json} is a directory`);
  if (!fs.existsSync(path.dirname(abs))) usageError('mutate', `--json ${json}: no directory ${path.dirname(json)}`);
}

let classes: Classifications;
try {
  classes = readSurvivors(survivorsFile);
} catch (e) {
  if (!(e instanceof SurvivorsFileError)) throw e;
  usageError('mutate', e.message);
}
const options = { arch: items('arch'), adapter: items('adapter'), operator: operators as Operator[], mutant: items('mutant'), runs, seed, jobs, ...(limit !== undefined ? { limit } : {}) };
let plan: MutationPlan;
try {
  plan = planMutation(options);
} catch (e) {
  usageError('mutate', (e as Error).message);
}
if (plan.mutants.length === 0) usageError('mutate', 'no mutants: no correct registered adapter includes code of the --arch / --adapter / --operator chosen');

if (list) {
  for (const p of plan.mutants) console.log([...diffLines(p.mutant), `    adapters: ${p.adapters.map((a) => a.adapter.name).join(', ') || '(none: no correct adapter runs this unit; reported as not run)'}`].join('\n'));
  console.log(`${plan.mutants.length} mutants of ${plan.adapters.length} adapter(s)`);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`ptconform mutate ${VERSION}: seed ${seed}, ${runs} scenarios per adapter, ${plan.adapters.length} adapter(s), ${plan.mutants.length} mutants, ${jobs} job(s)`);
  let bar = progressBar(0);
  let phase = '';
  const { outcomes, excluded } = await runMutation(plan, {
    ...options,
    onProgress: (done, total, label) => {
      const p = label.startsWith('killed') ? 'checking mutants' : label;
      if (p !== phase) {
        bar.stop();
        phase = p;
        bar = progressBar(total);
        // Off a terminal there is no bar: one line per phase on stderr.
        if (!process.stderr.isTTY) process.stderr.write(`mutate: ${p} (${total})\n`);
      }
      bar.update(done, label);
    },
    // Off a terminal, one line per judged mutant on stderr: a long run shows what it decided so far.
    onMutant: (m) => {
      if (!process.stderr.isTTY) process.stderr.write(`mutate: ${m.status} ${m.mutant.id}${m.detail ? ` (${m.detail})` : ''}\n`);
    },
  });
  bar.stop();
  const report = buildReport(outcomes, classes, {
    version: VERSION, seed, runs, adapters: plan.adapters.map((a) => a.adapter.name), excluded, wallMs: Date.now() - t0,
  });
  console.log(renderReport(report));
  if (json !== undefined) writeFileAtomic(json, JSON.stringify(report, null, 2) + '\n');
}

if (!list) {
  main().catch((e: unknown) => {
    process.stderr.write(`mutate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
