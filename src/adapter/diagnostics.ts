/**
 * TypeScript diagnostics as ptconform reports them: one line, `file:line:col: error TSnnnn:
 * message`, for the first diagnostic, with `(and N more)` when there are others.
 */
import path from 'path';
import type * as TS from 'typescript';
import { typescript } from './tsApi';

/** `file` as shown to the user: relative to the current directory when inside it, else absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** One diagnostic on one line (its message chain joined, newlines folded). */
export function formatDiagnostic(d: TS.Diagnostic): string {
  const ts = typescript();
  const text = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ').trim();
  const kind = d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'error';
  if (d.file === undefined || d.start === undefined) return `${kind} TS${d.code}: ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${displayPath(d.file.fileName)}:${line + 1}:${character + 1}: ${kind} TS${d.code}: ${text}`;
}

/** The first of `diags` (non-empty) on one line, with how many more there are. */
export function summarizeDiagnostics(diags: readonly TS.Diagnostic[]): string {
  const [first] = diags;
  if (first === undefined) throw new Error('summarizeDiagnostics: no diagnostics');
  return `${formatDiagnostic(first)}${diags.length > 1 ? ` (and ${diags.length - 1} more)` : ''}`;
}
