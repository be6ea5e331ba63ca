/**
 * Report renderers for `ptconform check` results: counterexample timelines, the static HTML
 * report and Markdown matrix, JUnit XML, KTAP, and status badges. Every renderer consumes only
 * a {@link ResultsJson} (src/results/schema.ts).
 */
export type { ResultsJson } from '../results/schema';
export { renderTimelineText, renderTimelineHtml, timelineActors, timelineObjects, isViolatingStep, violationLine } from './timeline';
export { renderReportHtml, renderMatrixMarkdown, writeReport, counterexampleSectionId } from './html';
export { renderJunit, junitCaseName } from './junit';
export { renderKtap, ktapName, KTAP_INDENT } from './ktap';
export {
  badgeFor,
  summaryBadge,
  endpointJson,
  safeBadgeName,
  badgeFileStems,
  loadMakeBadge,
  writeBadges,
  type BadgeSpec,
  type BadgeColor,
  type ShieldsEndpoint,
  type MakeBadge,
} from './badges';
export {
  buildMatrix,
  adapterStatus,
  isExpectedFailure,
  naturalCompare,
  type Matrix,
  type MatrixRow,
  type MatrixColumn,
  type MatrixCell,
  type CellKind,
  type AdapterStatus,
  type StatusKind,
} from './matrix';
export { escapeHtml, escapeXmlText, escapeXmlAttr, escapeMarkdownCell, oneLine } from './escape';
export {
  adapterOutcome,
  adapterTotals,
  totals,
  formatTotals,
  exitCodeOf,
  emptyTotals,
  type AdapterOutcome,
  type AdapterOutcomeKind,
  type Totals,
  type ExitCode,
} from './outcome';
export { renderSummaryLine, adapterCounts, type AdapterCounts } from './summary';
export { attributedMs, junitSeconds } from './timing';
export { counterexampleText } from './counterexample';
