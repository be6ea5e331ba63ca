/**
 * `--adapter fixtures/...ts` runs that very file (transpiled from its source), not its compiled
 * twin under dist, while its imports of ptconform's own modules ('../../src/kernel', arch
 * helpers) resolve to the compiled instances the runner uses: one copy of the model.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import * as path from 'node:path';
import { ensureBuilt, ROOT } from '../cli/helpers';
import { dist, runNode } from './child';

beforeAll(ensureBuilt);

describe('an in-tree adapter given by path', () => {
  test('loads from its .ts source, sharing the compiled model', () => {
    const entry = path.join(ROOT, 'fixtures', 'broken', 'b1-dtor-before-rcu.ts');
    const out = runNode(`
      const load = require(${JSON.stringify(dist('src/adapter/load.js'))});
      load.loadAdapterFile(${JSON.stringify(path.relative(ROOT, entry))}).then((a) => {
        const mod = require.cache[${JSON.stringify(entry)}];
        const loaded = Object.keys(require.cache);
        process.stdout.write(JSON.stringify({
          name: a.name,
          fromSource: mod !== undefined && mod.exports.default === a,
          twin: loaded.includes(${JSON.stringify(dist('fixtures/broken/b1-dtor-before-rcu.js'))}),
          kernel: loaded.includes(${JSON.stringify(dist('src/kernel/index.js'))}),
          ownSources: loaded.filter((f) => f.endsWith('.ts') && f !== ${JSON.stringify(entry)}),
        }));
      });
    `);
    expect(out).toEqual({ name: 'broken-b1-dtor-before-rcu', fromSource: true, twin: false, kernel: true, ownSources: [] });
  });
});
