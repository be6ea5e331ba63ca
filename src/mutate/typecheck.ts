/**
 * Type-checking mutants: a mutant that does not compile is *invalid*, not killed. One program
 * per mutant, with the mutated text in place of its file and every other file (the kernel's
 * and the other adapter files' compiled declarations) reused from the previous program, under
 * the options `check --adapter FILE` type-checks with (src/adapter/typecheck.ts).
 */
import path from 'path';
import type * as TS from 'typescript';
import { summarizeDiagnostics } from '../adapter/diagnostics';
import { compilerOptions, host } from '../adapter/typecheck';
import { typescript } from '../adapter/tsApi';

/** Type-checks one file's text at a time; see the module comment. */
export class MutantTypechecker {
  private readonly ts = typescript();
  private readonly options: TS.CompilerOptions = compilerOptions(this.ts);
  private readonly host: TS.CompilerHost;
  private readonly files = new Map<string, TS.SourceFile | undefined>();
  private current: { file: string; text: string } | null = null;
  private old: TS.Program | undefined;

  constructor() {
    const h = host(this.ts, this.options);
    const get = h.getSourceFile.bind(h);
    h.getSourceFile = (fileName, lang, onError, fresh) => {
      const cur = this.current;
      if (cur && path.resolve(fileName) === cur.file) return this.ts.createSourceFile(fileName, cur.text, lang);
      if (!this.files.has(fileName)) this.files.set(fileName, get(fileName, lang, onError, fresh));
      return this.files.get(fileName);
    };
    this.host = h;
  }

  /** The first error of `file` (absolute) with the text `text`, as one line, or null when it compiles. */
  check(file: string, text: string): string | null {
    const ts = this.ts;
    this.current = { file: path.resolve(file), text };
    const program = ts.createProgram({ rootNames: [file], options: this.options, host: this.host, ...(this.old ? { oldProgram: this.old } : {}) });
    this.old = program;
    const sf = program.getSourceFile(file);
    const diags = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
    const errors = diags.filter((d) => d.category === ts.DiagnosticCategory.Error);
    return errors.length ? summarizeDiagnostics(errors) : null;
  }
}
