/** Writing the machine outputs of a check: JSON, JUnit, KTAP and badges, each file atomically. */
import { renderJunit } from '../report/junit';
import { renderKtap } from '../report/ktap';
import { writeBadges } from '../report/badges';
import { writeFileAtomic } from '../results/atomicWrite';
import type { ResultsJson } from '../results/schema';

/** Which outputs to write. `json`/`ktap` take a file or `-` (stdout). */
export interface OutputOptions {
  json?: string;
  junit?: string;
  ktap?: string;
  badges?: string;
}

/** Write `text` (newline-terminated) to the file `target`, atomically, or to stdout for `-`. */
export function writeTextOutput(target: string, text: string): void {
  const body = text.endsWith('\n') ? text : text + '\n';
  if (target === '-') process.stdout.write(body);
  else writeFileAtomic(target, body);
}

/** Write every requested output. */
export async function writeOutputs(doc: ResultsJson, o: OutputOptions): Promise<void> {
  if (o.json !== undefined) writeTextOutput(o.json, JSON.stringify(doc, null, 2));
  if (o.junit !== undefined) writeTextOutput(o.junit, renderJunit(doc));
  if (o.ktap !== undefined) writeTextOutput(o.ktap, renderKtap(doc));
  if (o.badges !== undefined) await writeBadges(doc, o.badges);
}
