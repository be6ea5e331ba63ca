/**
 * Mutant enumeration: the function units of an adapter source file (function declarations,
 * function-valued `const`s, the function-valued members of top-level object literals) and the
 * mutants of their bodies, by AST node spans (the TypeScript compiler API). A mutant is a list
 * of text edits; its ID names the file, the unit, the operator and a hash of what it changes
 * (not where), so that it is stable across runs and across edits elsewhere in the file.
 */
import crypto from 'crypto';
import type * as TS from 'typescript';
import { typescript } from '../adapter/tsApi';
import { swapsOf } from './callTable';

/** The mutation operators (docs/MUTATION.md). */
export const OPERATORS = ['DEL', 'SWAP', 'NEG', 'CALL', 'CONST'] as const;
/** One mutation operator. */
export type Operator = (typeof OPERATORS)[number];

/** One text edit: `text` replaces [start, end) of the original. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One mutant of one file. */
export interface Mutant {
  /** `file#unit/OP/hash`, stable across runs. */
  id: string;
  /** The file, relative to the package root, with `/`. */
  file: string;
  /** The function unit mutated (`name`, or `object.member`). */
  unit: string;
  operator: Operator;
  /** The edits; the first is the mutation itself (a CALL may add an import after it). */
  edits: Edit[];
  /** 1-based line of the mutation. */
  line: number;
  /** The original line and the same line mutated (the diff a reader classifies). */
  before: string;
  after: string;
}

/** A function unit of a file. */
export interface Unit {
  name: string;
  /** The function-like node whose body is mutated. */
  node: TS.FunctionLikeDeclaration;
  /** Every identifier and property name its body mentions. */
  refs: Set<string>;
  /** Whether it builds declarations (returns `Declarations`): configuration, not hook code. */
  declarations: boolean;
}

/** What a file's top-level code mentions, outside its units and imports. */
export interface FileUnits {
  units: Unit[];
  /** Every name its top-level code (outside units and imports) mentions. */
  topRefs: Set<string>;
  /**
   * Per top-level name (a `const`, a class, an import alias `y` of `import { x as y }`): the
   * names its declaration mentions outside units (`...table` spread into an object, a function
   * named as a member's value, `x`). Reaching the name reaches these.
   */
  declRefs: Map<string, Set<string>>;
  /** The names top-level code that declares nothing mentions (`export default adapter;`, calls run at load): always reached. */
  rootRefs: Set<string>;
  /** The names the file's default export mentions (`export default adapter;` → `adapter`). */
  defaultRefs: Set<string>;
  /** Default imports: local name → module specifier (`import base from './v6.6'`). */
  defaultImports: Map<string, string>;
}

/** The units of `sf` and the names its top-level code (outside units and imports) mentions. */
export function functionUnits(sf: TS.SourceFile): FileUnits {
  const ts = typescript();
  const units: Unit[] = [];
  const topRefs = new Set<string>();
  const unitNodes = new Set<TS.Node>();
  const add = (name: string, node: TS.FunctionLikeDeclaration): void => {
    const refs = new Set<string>();
    collectNames(node, refs);
    const declarations = node.type !== undefined && /\bDeclarations\b/.test(node.type.getText(sf));
    units.push({ name, node, refs, declarations });
    unitNodes.add(node);
  };
  const isFn = (n: TS.Node): n is TS.ArrowFunction | TS.FunctionExpression => ts.isArrowFunction(n) || ts.isFunctionExpression(n);
  const members = (container: string, obj: TS.ObjectLiteralExpression): void => {
    for (const p of obj.properties) {
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
      if (key === null) continue;
      if (ts.isMethodDeclaration(p)) add(`${container}.${key}`, p);
      else if (ts.isPropertyAssignment(p) && isFn(p.initializer)) add(`${container}.${key}`, p.initializer);
    }
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) add(st.name.text, st);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const init = skipOuter(ts, d.initializer);
        if (isFn(init)) add(d.name.text, init);
        else if (ts.isObjectLiteralExpression(init)) members(d.name.text, init);
      }
    }
  }
  const namesOutsideUnits = (n: TS.Node, out: Set<string>): void => {
    if (unitNodes.has(n) || ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, (c) => namesOutsideUnits(c, out));
  };
  namesOutsideUnits(sf, topRefs);
  const declRefs = new Map<string, Set<string>>();
  const rootRefs = new Set<string>();
  const defaultRefs = new Set<string>();
  const defaultImports = new Map<string, string>();
  const declare = (name: string, n: TS.Node): void => {
    const refs = declRefs.get(name) ?? new Set<string>();
    namesOutsideUnits(n, refs);
    declRefs.set(name, refs);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const def = st.importClause?.name;
      if (def && !st.importClause!.isTypeOnly && ts.isStringLiteral(st.moduleSpecifier)) defaultImports.set(def.text, st.moduleSpecifier.text);
      const nb = st.importClause?.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (el.propertyName) declRefs.set(el.name.text, new Set([el.propertyName.text]));
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier) {
      // `export { x }` runs nothing: whoever imports `x` mentions it; `export { x as y }` aliases.
      const ec = st.exportClause;
      if (ec && ts.isNamedExports(ec)) for (const el of ec.elements) if (el.propertyName) declRefs.set(el.name.text, new Set([el.propertyName.text]));
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      // Types: nothing runs.
    } else if (ts.isVariableStatement(st) && st.declarationList.declarations.every((d) => ts.isIdentifier(d.name))) {
      for (const d of st.declarationList.declarations) declare((d.name as TS.Identifier).text, d);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
      declare(st.name.text, st);
    } else {
      namesOutsideUnits(st, rootRefs);
      if (ts.isExportAssignment(st)) namesOutsideUnits(st.expression, defaultRefs);
    }
  }
  return { units, topRefs, declRefs, rootRefs, defaultRefs, defaultImports };
}

/** `e` without `as`, `satisfies` and parentheses around it. */
function skipOuter(ts: typeof TS, e: TS.Expression): TS.Expression {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** Add every identifier under `n` to `out`. */
function collectNames(n: TS.Node, out: Set<string>): void {
  const ts = typescript();
  const walk = (m: TS.Node): void => {
    if (ts.isIdentifier(m)) out.add(m.text);
    ts.forEachChild(m, walk);
  };
  walk(n);
}

/** `text` with `edits` (non-overlapping) applied. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A raw mutation before IDs: the operator and its edits. */
interface Raw {
  operator: Operator;
  edits: Edit[];
}

/** The statement lists of `node`'s body (blocks, case clauses), nested functions included. */
function statementLists(ts: typeof TS, node: TS.Node): TS.NodeArray<TS.Statement>[] {
  const lists: TS.NodeArray<TS.Statement>[] = [];
  const walk = (n: TS.Node): void => {
    if (ts.isBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) lists.push(n.statements);
    ts.forEachChild(n, walk);
  };
  walk(node);
  return lists;
}

/**
 * Whether statement `s` does nothing at run time: `;`, `void name;` (marks a parameter used),
 * `let`/`var` declarations without initializers, or a trace line of the model
 * (`__model_world().record(...)`, which has no kernel counterpart). Deleting it, or swapping it
 * with a neighbour, gives the same program (or one that does not compile: a use before `let`),
 * so neither DEL nor SWAP is made of it.
 */
export function isInert(ts: typeof TS, s: TS.Statement): boolean {
  if (ts.isEmptyStatement(s)) return true;
  if (ts.isExpressionStatement(s) && ts.isVoidExpression(s.expression) && ts.isIdentifier(s.expression.expression)) return true;
  if (ts.isExpressionStatement(s) && isModelTrace(ts, s.expression)) return true;
  return ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => d.initializer === undefined);
}

/** Whether `e` is `__model_world().record(...)`. */
function isModelTrace(ts: typeof TS, e: TS.Expression): boolean {
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'record') return false;
  const target = e.expression.expression;
  return ts.isCallExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === '__model_world';
}

/** Whether `s` leaves the block (`return`, `break`, `continue`, `throw`). */
function isJump(ts: typeof TS, s: TS.Statement): boolean {
  return ts.isReturnStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s) || ts.isThrowStatement(s);
}

/**
 * DEL and SWAP mutations of `node`. Not made: those of inert statements ({@link isInert}), and
 * the SWAP of a statement with the jump after it (`x; return y;` → `return y; x;`), whose
 * `x` becomes dead code: the same program as DEL of `x`, which is made already.
 */
function statementMutations(ts: typeof TS, sf: TS.SourceFile, node: TS.Node): Raw[] {
  const out: Raw[] = [];
  const text = sf.text;
  for (const list of statementLists(ts, node)) {
    list.forEach((s, i) => {
      if (isInert(ts, s)) return;
      out.push({ operator: 'DEL', edits: [{ start: s.getStart(sf), end: s.end, text: '' }] });
      const next = list[i + 1];
      if (!next || isInert(ts, next) || isJump(ts, next)) return;
      const a = s.getText(sf);
      const b = next.getText(sf);
      if (a === b) return;
      out.push({ operator: 'SWAP', edits: [{ start: s.getStart(sf), end: next.end, text: b + text.slice(s.end, next.getStart(sf)) + a }] });
    });
  }
  // A statement that is not in a block: the branch of an `if` or `else` written without braces.
  const walk = (n: TS.Node): void => {
    if (ts.isIfStatement(n)) {
      for (const branch of [n.thenStatement, n.elseStatement]) {
        if (branch && !ts.isBlock(branch) && !ts.isIfStatement(branch)) out.push({ operator: 'DEL', edits: [{ start: branch.getStart(sf), end: branch.end, text: '{}' }] });
      }
    }
    ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

/** `e` negated: `!x` loses its `!`, anything else gets one. */
function negated(ts: typeof TS, sf: TS.SourceFile, e: TS.Expression): string {
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return e.operand.getText(sf);
  const simple = ts.isIdentifier(e) || ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isElementAccessExpression(e);
  return simple ? `!${e.getText(sf)}` : `!(${e.getText(sf)})`;
}

/** NEG mutations of `node`: conditions of if / ternary / loops and the operands of && and ||. */
function negations(ts: typeof TS, sf: TS.SourceFile, node: TS.Node): Raw[] {
  const out: Raw[] = [];
  const neg = (e: TS.Expression | undefined): void => {
    if (e) out.push({ operator: 'NEG', edits: [{ start: e.getStart(sf), end: e.end, text: negated(ts, sf, e) }] });
  };
  const walk = (n: TS.Node): void => {
    if (ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n)) neg(n.expression);
    else if (ts.isForStatement(n)) neg(n.condition);
    else if (ts.isConditionalExpression(n)) neg(n.condition);
    else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      neg(n.left);
      neg(n.right);
    }
    ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

/** The named imports of kernel primitives in `sf`: local name → its import's element list. */
function kernelImports(ts: typeof TS, sf: TS.SourceFile): { names: Map<string, TS.NamedImports>; all: Set<string> } {
  const names = new Map<string, TS.NamedImports>();
  const all = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause) continue;
    const nb = st.importClause.namedBindings;
    if (!nb || !ts.isNamedImports(nb)) continue;
    const spec = (st.moduleSpecifier as TS.StringLiteral).text;
    const kernel = /(^|\/)src\/kernel$|^ptconform\/kernel$/.test(spec) && !st.importClause.isTypeOnly;
    for (const el of nb.elements) {
      all.add(el.name.text);
      if (kernel && !el.isTypeOnly && !el.propertyName) names.set(el.name.text, nb);
    }
  }
  return { names, all };
}

/** CALL mutations of `node` (./callTable.ts). */
function callSwaps(ts: typeof TS, sf: TS.SourceFile, node: TS.Node): Raw[] {
  const out: Raw[] = [];
  const imports = kernelImports(ts, sf);
  const importEdits = (from: TS.NamedImports, names: string[]): Edit[] => {
    const missing = names.filter((n) => !imports.all.has(n));
    const last = from.elements[from.elements.length - 1];
    return missing.length && last ? [{ start: last.end, end: last.end, text: missing.map((n) => `, ${n}`).join('') }] : [];
  };
  const walk = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && imports.names.has(n.expression.text)) {
      const name = n.expression.text;
      const from = imports.names.get(name)!;
      const args = n.arguments.map((a) => a.getText(sf));
      for (const s of swapsOf(name)) {
        if (s.template !== undefined) {
          const text = s.template.replace(/\$(\d+)/g, (_, k: string) => args[Number(k) - 1] ?? 'undefined');
          out.push({ operator: 'CALL', edits: [{ start: n.getStart(sf), end: n.end, text }, ...importEdits(from, s.uses ?? [])] });
        } else if (s.to === null) {
          // A call that is a whole statement: DEL makes that mutant already.
          if (!ts.isExpressionStatement(n.parent)) out.push({ operator: 'CALL', edits: [{ start: n.getStart(sf), end: n.end, text: 'void 0' }] });
        } else {
          out.push({ operator: 'CALL', edits: [{ start: n.expression.getStart(sf), end: n.expression.end, text: s.to }, ...importEdits(from, [s.to])] });
        }
      }
    }
    ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

const BITWISE = new Set(['&', '|', '^', '<<', '>>', '>>>', '&=', '|=', '^=', '<<=', '>>=']);

/** The values a numeric literal `v` becomes: +1, -1, 0, and for a bit mask each set bit cleared and the next bit set. */
export function constValues(v: number, mask: boolean): number[] {
  const out = [v + 1, v - 1, 0];
  if (mask && Number.isSafeInteger(v) && v > 0 && v < 2 ** 31) {
    let high = 0;
    for (let b = 0; b < 31; b++) {
      const bit = 2 ** b;
      if (Math.floor(v / bit) % 2 === 1) {
        out.push(v - bit);
        high = bit;
      }
    }
    out.push(v + high * 2);
  }
  return [...new Set(out)].filter((x) => x !== v);
}

const SHIFTS = new Set(['<<', '>>', '>>>', '<<=', '>>=', '>>>=']);

/**
 * Whether `n` is (a term of) the count of a shift: the right operand of `<<`, `>>`, `>>>`, alone
 * or under `+` / `-` and parentheses (`0x11 << (bit + 24)`). JavaScript takes a shift count mod
 * 32, so there a count that differs by a multiple of 32 is the same program.
 */
function inShiftCount(ts: typeof TS, sf: TS.SourceFile, n: TS.Node): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (ts.isParenthesizedExpression(p)) continue;
    if (!ts.isBinaryExpression(p)) return false;
    const op = p.operatorToken.getText(sf);
    if (SHIFTS.has(op)) return p.right === child;
    if (op !== '+' && op !== '-') return false;
  }
  return false;
}

/**
 * CONST mutations of `node`. Not of the numbers inside a template literal: they format the text
 * of a message (a radix, a padding width), not kernel logic. Not the values of a shift count that
 * are the original count mod 32 (`x << 24` becoming `x << 56`): JavaScript runs the original
 * program (in C, a 32-bit operand shifted by 32 or more is undefined).
 */
function constants(ts: typeof TS, sf: TS.SourceFile, node: TS.Node): Raw[] {
  const out: Raw[] = [];
  const walk = (n: TS.Node): void => {
    if (ts.isTypeNode(n) || ts.isTemplateExpression(n)) return;
    if (ts.isNumericLiteral(n)) {
      const raw = n.getText(sf);
      const hex = /^0x/i.test(raw);
      const p = n.parent;
      const mask = hex || (ts.isBinaryExpression(p) && BITWISE.has(p.operatorToken.getText(sf))) || (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.TildeToken);
      const v = Number(raw.replace(/_/g, ''));
      const shiftCount = inShiftCount(ts, sf, n);
      for (const x of constValues(v, mask)) {
        if (shiftCount && (x - v) % 32 === 0) continue;
        const text = x < 0 ? `(${x})` : hex ? `0x${x.toString(16)}` : String(x);
        out.push({ operator: 'CONST', edits: [{ start: n.getStart(sf), end: n.end, text }] });
      }
    }
    ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

/** The line of `text` around [start, end) with `replacement` in place of it (the mutated line). */
function lineAround(text: string, start: number, end: number, replacement: string): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const to = nl < 0 ? text.length : nl;
  return (text.slice(from, start) + replacement + text.slice(end, to)).trimEnd();
}

/** A short hash of `s`. */
function hash(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex').slice(0, 10);
}

/** Options of {@link enumerateMutants}. */
export interface EnumerateOptions {
  /** Which units to mutate (default: every unit that does not build declarations). */
  units?: (u: Unit) => boolean;
}

/**
 * The mutants of the units of `file` (its path relative to the package root, which IDs use),
 * whose text is `text`, in source order per unit; duplicates (same edits) are made once.
 */
export function enumerateMutants(file: string, text: string, o: EnumerateOptions = {}): Mutant[] {
  const ts = typescript();
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const { units } = functionUnits(sf);
  const keep = o.units ?? ((u: Unit) => !u.declarations);
  const out: Mutant[] = [];
  for (const u of units.filter(keep)) {
    const body = u.node.body;
    if (!body) continue;
    const raws = [...statementMutations(ts, sf, body), ...negations(ts, sf, body), ...callSwaps(ts, sf, body), ...constants(ts, sf, body)];
    const seen = new Set<string>();
    const occurrences = new Map<string, number>();
    for (const r of raws) {
      const where = JSON.stringify(r.edits.map((e) => [e.start, e.end, e.text]));
      if (seen.has(where)) continue;
      seen.add(where);
      // What the mutant changes, not where: stable when lines move.
      const what = JSON.stringify([r.operator, r.edits.map((e) => [text.slice(e.start, e.end), e.text])]);
      const k = occurrences.get(what) ?? 0;
      occurrences.set(what, k + 1);
      const main = r.edits[0]!;
      out.push({
        id: `${file}#${u.name}/${r.operator}/${hash(`${what}#${k}`)}`,
        file, unit: u.name, operator: r.operator, edits: r.edits,
        line: sf.getLineAndCharacterOfPosition(main.start).line + 1,
        before: lineAround(text, main.start, main.end, text.slice(main.start, main.end)),
        after: lineAround(text, main.start, main.end, main.text),
      });
    }
  }
  return out;
}
