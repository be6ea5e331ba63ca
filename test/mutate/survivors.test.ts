import { describe, expect, it } from '@jest/globals';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseSurvivors, readSurvivors } from '../../src/mutate/survivors';

const ID = 'arch/riscv/pgalloc.ts#riscv_tlb_remove_ptdesc_v6_13/CALL/d28e50d125';
const doc = (survivors: unknown, schema: unknown = 1): string => JSON.stringify({ schema, survivors });

describe('survivors file', () => {
  it('reads equivalent and model-limit entries', () => {
    const c = parseSurvivors(doc({
      [ID]: { class: 'equivalent', reason: 'v6.15 does this unconditionally' },
      'arch/x.ts#f/DEL/0123456789': { class: 'model-limit', limit: 'hooks run as one atomic step' },
    }), 'f.json');
    expect(c.get(ID)).toEqual({ class: 'equivalent', reason: 'v6.15 does this unconditionally' });
    expect(c.get('arch/x.ts#f/DEL/0123456789')).toEqual({ class: 'model-limit', limit: 'hooks run as one atomic step' });
  });

  it.each([
    ['{', /^f\.json: not JSON/],
    [doc({}, 2), /^f\.json: schema: expected 1, got 2$/],
    [doc([]), /survivors: expected an object keyed by mutant ID/],
    [doc({ 'not-an-id': { class: 'equivalent', reason: 'r' } }), /'not-an-id' is not a mutant ID/],
    [doc({ [ID]: { class: 'equivalent' } }), /\.reason: an equivalent mutant needs a reason$/],
    [doc({ [ID]: { class: 'model-limit', reason: 'r' } }), /\.limit: name the model limit$/],
    [doc({ [ID]: { class: 'killed' } }), /\.class: expected 'equivalent' or 'model-limit', got "killed"$/],
  ])('refuses %s with one line', (text, message) => {
    expect(() => parseSurvivors(text, 'f.json')).toThrow(message);
  });

  it('reads a file, and a missing file classifies nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptconform-survivors-'));
    const file = path.join(dir, 'survivors.json');
    expect(readSurvivors(file).size).toBe(0);
    fs.writeFileSync(file, doc({ [ID]: { class: 'equivalent', reason: 'r' } }));
    expect([...readSurvivors(file).keys()]).toEqual([ID]);
    fs.rmSync(dir, { recursive: true });
  });

  it('the repository file parses', () => {
    expect(() => readSurvivors(path.join(__dirname, '..', '..', 'mutation', 'survivors.json'))).not.toThrow();
  });
});
