/** Writing the machine outputs of a check: JSON, JUnit, KTAP and badges. */
import fs from 'fs';
import path from 'path';
import { renderJunit } from '../report/junit';
import { renderKtap } from '../report/ktap';
import { writeBadges } from '../report/badges';
import type { ResultsJson } from '../results/schema';

/** Which outputs to write. `json`/`ktap` take a file or `-` (stdout). */
export interface OutputOptions {
  json?: string;
  junit?: string;
  ktap?: string;
  badges?: string;
}

/** Write `text` (newline-terminated) to a file, creating its directory, or to stdout for `-`. */
export function write(target: string, text: string): void {
  if (target === '-') {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  fs.writeFileSync(target, text.endsWith('\n') ? text : text + '\n');
}

/** Write every requested output. */
export async function writeOutputs(doc: ResultsJson, o: OutputOptions): Promise<void> {
  if (o.json !== undefined) write(o.json, JSON.stringify(doc, null, 2));
  if (o.junit !== undefined) write(o.junit, renderJunit(doc));
  if (o.ktap !== undefined) write(o.ktap, renderKtap(doc));
  if (o.badges !== undefined) await writeBadges(doc, o.badges);
}
