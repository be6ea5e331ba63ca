/**
 * README.md's worked counterexample is produced by the code: regenerating it from the built
 * CLI (`npm run docs`, scripts/readme-example.ts) must leave the README unchanged.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BEGIN, elideSteps, END, generateReadme, normalise, renderBlock, replaceBlock } from '../scripts/readme-example';
import { ensureBuilt, ROOT } from './cli/helpers';

beforeAll(ensureBuilt);

describe('README example', () => {
  test('is what the CLI prints today (run `npm run docs` to regenerate it)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const fresh = generateReadme(ROOT);
    const block = (s: string): string => s.slice(s.indexOf(BEGIN), s.indexOf(END) + END.length);
    expect(block(readme)).toBe(block(fresh));
    expect(readme).toBe(fresh);
    // it shows a known-bad adapter failing as documented, and the exit code
    expect(block(readme)).toMatch(/known-bad \((historical|suspected|mutation)\), as expected/);
    expect(block(readme)).toMatch(/\$ echo \$\?\n0\n```/);
  }, 300_000);
});

describe('readme-example', () => {
  test('normalise: timings, worker counts and the save directory', () => {
    const save = path.join('/tmp', 'x', 'out');
    expect(normalise(`a 1000 runs 824 ms  \nreplay: npx ptconform replay ${save}${path.sep}f.json\n2 job(s), 1.5 ms`, save)).toBe(
      'a 1000 runs NNN ms\nreplay: npx ptconform replay out/f.json\nN job(s), NNN ms',
    );
  });

  test('elideSteps keeps head, tail, segment boundaries, short segments and key steps', () => {
    const row = (i: number, actor: number, text: string): string => {
      const cells = ['', ''];
      cells[actor] = text;
      return `${String(i).padStart(11)} | ${cells.join(' | ')}`;
    };
    const rows = [...Array.from({ length: 20 }, (_, i) => row(i, 1, `a${i}`)), row(20, 0, 'walker'), ...Array.from({ length: 10 }, (_, i) => row(21 + i, 1, i === 5 ? 'pmd_clear' : `b${i}`))];
    const kept = elideSteps(['head', ...rows, 'tail'].join('\n')).split('\n');
    const numbers = kept.map((l) => /^\s*(\d+) \|/.exec(l)?.[1] ?? l.trim());
    expect(numbers).toEqual(['head', '0', '1', '2', '3', '4', '5', '...', '19', '20', '21', '...', '26', '...', '28', '29', '30', 'tail']);
    expect(kept[7]).toBe(`${' '.repeat(8)}...`);
  });

  test('replaceBlock replaces exactly the marked block, and insists on one pair of markers', () => {
    expect(replaceBlock(`a\n${BEGIN}\nold\n${END}\nb`, 'NEW')).toBe('a\nNEW\nb');
    expect(() => replaceBlock('no markers', 'x')).toThrow('exactly once');
    expect(() => replaceBlock(`${BEGIN}${END}${BEGIN}${END}`, 'x')).toThrow('exactly once');
    expect(renderBlock('out\n\n', 1)).toBe(`${BEGIN}\n\`\`\`\n$ npx ptconform check --adapter fixtures/broken/b1-dtor-before-rcu.ts --property dtor --save out/\nout\n$ echo $?\n1\n\`\`\`\n${END}`);
  });
});
