/**
 * The coroutine transform, which makes adapter code interleavable without any `yield` in it.
 *
 * An adapter is plain kernel-shaped code: `spin_lock(&l); ...; tlb_remove_table(tlb, pt);`.
 * The kernel primitives it calls (`src/kernel`, `ptconform/kernel`) are coroutines at run time:
 * each returns a generator that ends an atomic step before it acts (a preemption point, where
 * another CPU may run) and may wait (a contended lock, a flush waiting for IPIs). This
 * transform, applied by the build to `arch/` and `fixtures/` and by the loader to every adapter
 * file it loads, turns the adapter's own functions into generators and every call into one
 * that runs a returned coroutine in place:
 *
 * - a function, method or arrow becomes a generator (`function*`), and each call in its body
 *   `f(x)` becomes `(__pt_v = f(x), __pt_step(__pt_v) ? (yield* __pt_v) : __pt_v)`, so a call
 *   returns what the kernel function returns, after the steps it took;
 * - code that cannot yield (module top level, parameter defaults, getters, and a callback passed
 *   to a method such as `pages.sort((a, b) => ...)`, which the method calls itself) calls
 *   through `__pt_sync(f(x))`, which runs a returned coroutine to its end at once: an atomic
 *   step, as a hook was before this transform existed; a wait there is an error.
 *
 * Generator and async functions are refused (kernel C has neither). The transform keeps every
 * original node, so source maps and `adapterFrame()` still point at the adapter's own lines.
 * Hooks in other languages (C compiled to WebAssembly) need the same protocol, not this
 * transform: a hook returns its value or a generator that yields `undefined` at each step
 * boundary and `BLOCKED` while it waits (`src/model/actor.ts`), and returns the value.
 */
import type * as TS from 'typescript';

/** The per-function temporary that holds a call's result. */
const TEMP = '__pt_v';
/** The module-level helpers every transformed module starts with (self-contained: no import). */
const PRELUDE = `var __pt_GP = Object.getPrototypeOf(function* () {}).prototype;
function __pt_step(v) { return typeof v === "object" && v !== null && __pt_GP.isPrototypeOf(v); }
function __pt_sync(v) {
  if (!__pt_step(v)) return v;
  for (;;) {
    var r = v.next();
    if (r.done) return r.value;
    if (typeof r.value === "symbol") throw new Error("a kernel primitive had to wait inside code that cannot be interleaved (module top level, a getter, or a callback passed to a method such as Array.prototype.forEach): use a plain loop");
  }
}
`;

/** An error in adapter source that the transform refuses, with its position. */
export class CoroutineTransformError extends Error {}

/** Whether `ts` node `fn` is a callback handed to a method call (`xs.sort((a, b) => ...)`). */
function isMethodCallback(ts: typeof TS, fn: TS.Node): boolean {
  const p = fn.parent;
  return p !== undefined && ts.isCallExpression(p) && p.arguments.some((a) => a === fn) && ts.isPropertyAccessExpression(p.expression);
}

/** Whether `body` uses `this` outside nested non-arrow functions (an arrow that needs `.bind(this)`). */
function usesThis(ts: typeof TS, body: TS.Node): boolean {
  let found = false;
  const walk = (n: TS.Node): void => {
    if (found) return;
    if (n.kind === ts.SyntaxKind.ThisKeyword) {
      found = true;
      return;
    }
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, walk);
  };
  walk(body);
  return found;
}

/** Statements of `text` as synthesized nodes (no positions into, nor parents from, another file). */
function synthesized(ts: typeof TS, text: string): TS.Statement[] {
  const sf = ts.createSourceFile('ptconform-prelude.js', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const clone = (ts as unknown as { getSynthesizedDeepClone<T extends TS.Node>(n: T): T }).getSynthesizedDeepClone;
  return sf.statements.map((s) => clone(s));
}

/** The `before` transformer factory of the module comment, for the `typescript` module `ts`. */
export function coroutineTransformer(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  return (ctx) => (sf) => {
    const f = ctx.factory;
    const where = (n: TS.Node): string => {
      const { line, character } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
      return `${sf.fileName}:${line + 1}:${character + 1}`;
    };
    const temp = (): TS.Identifier => f.createIdentifier(TEMP);
    const letTemp = (): TS.Statement =>
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(TEMP)], ts.NodeFlags.Let));

    /** `(__pt_v = call, __pt_step(__pt_v) ? (yield* __pt_v) : __pt_v)`. */
    const coCall = (call: TS.Expression): TS.Expression =>
      f.createParenthesizedExpression(f.createCommaListExpression([
        f.createAssignment(temp(), call),
        f.createConditionalExpression(
          f.createCallExpression(f.createIdentifier('__pt_step'), undefined, [temp()]),
          f.createToken(ts.SyntaxKind.QuestionToken),
          f.createParenthesizedExpression(f.createYieldExpression(f.createToken(ts.SyntaxKind.AsteriskToken), temp())),
          f.createToken(ts.SyntaxKind.ColonToken),
          temp(),
        ),
      ]));
    const syncCall = (call: TS.Expression): TS.Expression => f.createCallExpression(f.createIdentifier('__pt_sync'), undefined, [call]);

    /** The body of a function made a generator: `let __pt_v;` first, calls rewritten. */
    const coBody = (body: TS.ConciseBody): TS.Block => {
      if (ts.isBlock(body)) {
        const visited = ts.visitEachChild(body, (n) => visit(n, true), ctx);
        return f.updateBlock(visited, [letTemp(), ...visited.statements]);
      }
      const expr = ts.visitNode(body, (n) => visit(n, true), ts.isExpression);
      return f.createBlock([letTemp(), f.createReturnStatement(expr)], true);
    };
    const params = (ps: TS.NodeArray<TS.ParameterDeclaration>): TS.NodeArray<TS.ParameterDeclaration> =>
      ts.visitNodes(ps, (n) => visit(n, false), ts.isParameter);

    const visit = (node: TS.Node, inCo: boolean): TS.Node => {
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
        if (!node.body) return node;
        if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) {
          if (node.asteriskToken) throw new CoroutineTransformError(`${where(node)}: generator functions are not supported in adapter code (kernel code has none)`);
        }
        if (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
          throw new CoroutineTransformError(`${where(node)}: async functions are not supported in adapter code (kernel code has none)`);
        }
        if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && isMethodCallback(ts, node)) {
          return ts.visitEachChild(node, (n) => visit(n, false), ctx);
        }
        const star = f.createToken(ts.SyntaxKind.AsteriskToken);
        const body = coBody(node.body);
        if (ts.isFunctionDeclaration(node)) {
          return f.updateFunctionDeclaration(node, node.modifiers, star, node.name, node.typeParameters, params(node.parameters), node.type, body);
        }
        if (ts.isMethodDeclaration(node)) {
          return f.updateMethodDeclaration(node, node.modifiers, star, node.name, node.questionToken, node.typeParameters, params(node.parameters), node.type, body);
        }
        if (ts.isFunctionExpression(node)) {
          return f.updateFunctionExpression(node, node.modifiers, star, node.name, node.typeParameters, params(node.parameters), node.type, body);
        }
        const fn = f.createFunctionExpression(undefined, star, undefined, node.typeParameters, params(node.parameters), node.type, body);
        ts.setOriginalNode(fn, node);
        ts.setTextRange(fn, node);
        if (!usesThis(ts, node.body)) return fn;
        return f.createCallExpression(f.createPropertyAccessExpression(f.createParenthesizedExpression(fn), 'bind'), undefined, [f.createThis()]);
      }
      if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isPropertyDeclaration(node)) {
        return ts.visitEachChild(node, (n) => visit(n, false), ctx);
      }
      if (ts.isCallExpression(node) && node.expression.kind !== ts.SyntaxKind.SuperKeyword && node.expression.kind !== ts.SyntaxKind.ImportKeyword) {
        const call = ts.visitEachChild(node, (n) => visit(n, inCo), ctx);
        return inCo ? coCall(call) : syncCall(call);
      }
      return ts.visitEachChild(node, (n) => visit(n, inCo), ctx);
    };

    const statements = ts.visitNodes(sf.statements, (n) => visit(n, false), ts.isStatement);
    return f.updateSourceFile(sf, [...synthesized(ts, PRELUDE), ...statements]);
  };
}

/**
 * Adapter source through the coroutine transform, as ES2022: CommonJS (the loader, the build) or
 * an ES module (`esm`), with an inline source map or (`mapFile`, the build) a separate one. The
 * one transpilation of adapter code that ./transpile.ts, ./emitAdapters.ts and the ESM load hook
 * share; a {@link CoroutineTransformError} is thrown as is.
 */
export function transpileAdapter(ts: typeof TS, source: string, fileName: string, o: { esm?: boolean; mapFile?: boolean } = {}): TS.TranspileOutput {
  return ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: o.esm === true ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true,
      sourceMap: o.mapFile === true, inlineSourceMap: o.mapFile !== true,
    },
    transformers: { before: [coroutineTransformer(ts)] },
  });
}

/**
 * An ES module adapter's source through the coroutine transform, with an inline source map:
 * what the ESM load hook (./hooks.ts) runs, and what the main thread recomputes to map a stack
 * frame of that module back to its lines (./sourceMap.ts); the same input gives the same output.
 */
export function transformEsm(ts: typeof TS, source: string, fileName: string): string {
  return transpileAdapter(ts, source, fileName, { esm: true }).outputText;
}

/** Whether a path (relative to the package root, `/`-separated) is adapter code the build transforms. */
export function isAdapterSource(relative: string): boolean {
  return /^(arch|fixtures)\//.test(relative) && !/\.d\.ts$/.test(relative);
}
