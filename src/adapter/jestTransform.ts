/**
 * The Jest transformer of in-tree adapter code (`arch/`, `fixtures/`; see jest.config.ts): the
 * loader's own transpilation (./transpile.ts), coroutine transform included, so that tests run
 * adapters exactly as `ptconform check` does. Other TypeScript goes to ts-jest.
 */
import crypto from 'crypto';
import { transpile } from './transpile';

/** Jest's `process(sourceText, sourcePath)`. */
export function process(sourceText: string, sourcePath: string): { code: string } {
  return { code: transpile(sourceText, sourcePath) };
}

/** Jest's `getCacheKey`: the file's text and path, and this transformer's format. */
export function getCacheKey(sourceText: string, sourcePath: string): string {
  return crypto.createHash('sha256').update('ptconform-coroutines-2\0').update(sourcePath).update('\0').update(sourceText).digest('hex');
}

/** The transformer object Jest loads (it reads the default export of an ES-module-shaped file). */
export default { process, getCacheKey };
