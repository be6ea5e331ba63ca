/** A counterexample as plain text, the body of a KTAP diagnostic block or a JUnit element. */
import type { Counterexample } from '../results/schema';
import { renderTimelineText } from './timeline';

/**
 * The violation (`<contract>: <message>`), the text timeline, the seed, path and length, where
 * `--save` wrote it, and the replay command, separated by blank lines.
 */
export function counterexampleText(cx: Counterexample): string {
  const lines = [`${cx.violation.contract}: ${cx.violation.message}`, '', renderTimelineText(cx), '', `seed ${cx.seed}, path ${cx.path}, ${cx.length} segments`];
  if (cx.file !== undefined) lines.push(`saved to ${cx.file}`);
  lines.push(`replay: ${cx.replay}`);
  return lines.join('\n');
}
