/**
 * Per-adapter reachability (src/mutate/targets.ts): a mutant is judged only by the correct
 * adapters whose hooks reach its unit; a unit no correct adapter runs is reported "not run".
 */
import { describe, expect, it } from '@jest/globals';
import { buildReport, renderReport, type MutantOutcome } from '../../src/mutate/report';
import { planMutation } from '../../src/mutate/run';
import { parseFiles, reachableUnits, unitsReachedFrom } from '../../src/mutate/targets';

const FILES: Record<string, string> = {
  '/a/shared.ts': `
export const tableA = { flush(x: number) { helperA(x); } };
export const tableB = { flush(x: number) { helperB(x); } };
function helperA(x: number) { return x; }
function helperB(x: number) { return x; }
const renamed = { free(x: number) { return x; } };
export { renamed as aliasTable };
function dead(x: number) { return x; }
`,
  '/a/one.ts': `import { tableA } from './shared';
const adapter = { name: 'one', ...tableA };
export default adapter;
`,
  '/a/two.ts': `import { tableB as mine, aliasTable } from './shared';
const adapter = { name: 'two', ...mine, pte_free: aliasTable.free };
export default adapter;
`,
};
const read = (f: string): string => FILES[f]!;

describe('per-adapter reachability', () => {
  const files = Object.keys(FILES).sort();
  const parsed = parseFiles(files, read);
  const key = (f: string): string => f.slice(3);

  it('an adapter runs the tables its own file names, not those another adapter names', () => {
    expect([...unitsReachedFrom('/a/one.ts', ['/a/one.ts', '/a/shared.ts'], parsed, key)].sort()).toEqual(['shared.ts#helperA', 'shared.ts#tableA.flush']);
  });

  it('follows import and export aliases', () => {
    expect([...unitsReachedFrom('/a/two.ts', ['/a/shared.ts', '/a/two.ts'], parsed, key)].sort()).toEqual(['shared.ts#helperB', 'shared.ts#renamed.free', 'shared.ts#tableB.flush']);
  });

  it('what is mutated stays every unit some top-level code names (dead code is not)', () => {
    const units = reachableUnits(files, read, parsed).get('/a/shared.ts')!.map((u) => u.name).sort();
    expect(units).toEqual(['helperA', 'helperB', 'renamed.free', 'tableA.flush', 'tableB.flush']);
  });
});

describe('mutation plan of a shared file', () => {
  const plan = planMutation({ arch: ['sparc'], adapter: [], operator: [] });
  const judges = (unit: string): string[][] => plan.mutants.filter((m) => `${m.mutant.file}#${m.mutant.unit}` === unit).map((m) => m.adapters.map((a) => a.adapter.name));

  it("sparc32's SRMMU flush hooks (only the known-bad sparc32 adapter runs them) are judged by no correct adapter", () => {
    const srmmu = judges('arch/sparc/tlb.ts#srmmuFlushHooks.tlb_flush');
    expect(srmmu.length).toBeGreaterThan(0);
    for (const j of srmmu) expect(j).toEqual([]);
  });

  it('an adapter built over another (a default import) runs that adapter\'s units: the s390 KVM adapters judge the PGSTE paths', () => {
    const s390 = planMutation({ arch: ['s390'], adapter: [], operator: [] });
    const judged = s390.mutants.filter((m) => m.mutant.file === 'arch/s390/pgalloc-frag.ts' && m.mutant.unit === 'page_table_free_rcu').map((m) => m.adapters.map((a) => a.adapter.name));
    expect(judged.length).toBeGreaterThan(0);
    for (const j of judged) expect(j).toEqual(expect.arrayContaining(['s390-v6.6', 's390-v6.6-kvm']));
  });

  it('the sparc64 flush hooks of the same file are judged by the sparc64 adapters only', () => {
    const s64 = judges('arch/sparc/tlb.ts#sparc64FlushHooks.tlb_flush');
    expect(s64.length).toBeGreaterThan(0);
    for (const j of s64) {
      expect(j.length).toBeGreaterThan(0);
      for (const a of j) expect(a).toMatch(/^sparc64-/);
    }
  });
});

describe('report of mutants not run', () => {
  it('counts them apart, out of the kill rate, and lists them', () => {
    const m = (id: string, status: MutantOutcome['status']): MutantOutcome => ({
      mutant: { id, file: 'arch/x/y.ts', unit: 'u', operator: 'DEL', edits: [], line: 3, before: 'a();', after: '' },
      arch: 'x', status, adapters: status === 'not-run' ? [] : ['x-v1'],
    });
    const r = buildReport([m('arch/x/y.ts#u/DEL/0000000001', 'killed-contract'), m('arch/x/y.ts#u/DEL/0000000002', 'not-run')], new Map(), {
      version: 't', seed: 1, runs: 10, adapters: ['x-v1'], excluded: {}, wallMs: 0,
    });
    expect(r.totals.notRun).toBe(1);
    expect(r.killRate).toBe(1);
    expect(r.unclassified).toEqual([]);
    const text = renderReport(r);
    expect(text).toContain('not run by any correct adapter (1)');
    expect(text).toContain('arch/x/y.ts#u/DEL/0000000002');
  });
});
