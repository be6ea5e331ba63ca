/**
 * Loading works inside worker_threads: each thread installs its own module hooks on first use
 * (the check driver runs adapters in workers). The built loader loads a TypeScript adapter, an
 * in-tree one given by path and an ES module adapter in a worker, and reports their names.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scaffoldAdapter } from '../../src/cli/newArch';
import { ensureBuilt, removeTmpDirs, ROOT, tmpDir } from '../cli/helpers';
import { dist, runWorker } from './child';

let file: string;

afterAll(removeTmpDirs);
beforeAll(() => {
  ensureBuilt();
  file = path.join(tmpDir('worker'), 'in-worker-v6.14.ts');
  fs.writeFileSync(file, scaffoldAdapter('in-worker-v6.14'));
});

describe('loading in a worker thread', () => {
  test('a .ts, an in-tree .ts and an .mjs adapter load, sharing the worker\'s compiled model', async () => {
    const refs = [file, path.join(ROOT, 'fixtures', 'broken', 'b1-dtor-before-rcu.ts'), path.join(ROOT, 'fixtures', 'faulty', 'esm-adapter.mjs')];
    const msg = await runWorker(`
      const { parentPort } = require('worker_threads');
      const load = require(${JSON.stringify(dist('src/adapter/load.js'))});
      load.resolveAdapters(${JSON.stringify(refs)}, []).then((as) => {
        const loaded = Object.keys(require.cache);
        parentPort.postMessage({ names: as.map((a) => a.name), ownSources: loaded.filter((f) => f.startsWith(${JSON.stringify(path.join(ROOT, 'src'))})) });
      }, (e) => parentPort.postMessage({ error: String(e && e.message) }));
    `);
    expect(msg).toEqual({ names: ['in-worker-v6.14', 'broken-b1-dtor-before-rcu', 'faulty-esm-adapter'], ownSources: [] });
  });
});
