import { describe, expect, it } from '@jest/globals';
import * as kernel from '../../src/kernel';
import { callTableNames } from '../../src/mutate/callTable';
import { applyEdits, constValues, enumerateMutants, type Mutant } from '../../src/mutate/enumerate';

const SRC = `import { spin_lock, call_rcu, pagetable_dtor } from '../../src/kernel';
export function f(a: any, b: any) {
  spin_lock(a);
  pagetable_dtor(b);
  if (a && !b) return 0x3;
  return a ? 1 : 2;
}
const hooks = { g(x: any) { call_rcu(x, cb); } };
function decls(): Declarations { return { tablesPerPage: 2 }; }
`;

const mutated = (m: Mutant): string => applyEdits(SRC, m.edits);
const of = (ms: Mutant[], op: string): Mutant[] => ms.filter((m) => m.operator === op);

describe('mutant enumeration', () => {
  const ms = enumerateMutants('arch/x/y.ts', SRC);

  it('mutates function units and leaves declaration builders alone', () => {
    expect([...new Set(ms.map((m) => m.unit))].sort()).toEqual(['f', 'hooks.g']);
  });

  it('DEL deletes each statement, and a brace-less branch becomes {}', () => {
    const del = of(ms, 'DEL').map(mutated);
    expect(del).toHaveLength(6);
    expect(del).toContain(SRC.replace('  spin_lock(a);\n', '  \n'));
    expect(del).toContain(SRC.replace('if (a && !b) return 0x3;', 'if (a && !b) {}'));
    expect(del).toContain(SRC.replace(' call_rcu(x, cb); ', '  '));
  });

  it('SWAP swaps adjacent statements', () => {
    const swap = of(ms, 'SWAP').map(mutated);
    // Not the if with the return after it: that swap is DEL of the if (dead code after return).
    expect(swap).toHaveLength(2);
    expect(swap).toContain(SRC.replace('spin_lock(a);\n  pagetable_dtor(b);', 'pagetable_dtor(b);\n  spin_lock(a);'));
  });

  it('makes no DEL or SWAP of inert statements (void name, let without initializer, model trace)', () => {
    const src = `export function k(mm: any, t: any) {\n  void mm;\n  let m: number;\n  __model_world().record('x');\n  spin_lock(t);\n  m = 1;\n  spin_unlock(t);\n  return m;\n}\n`;
    const out = enumerateMutants('arch/x/z.ts', src);
    expect(of(out, 'DEL').map((m) => m.before.trim())).toEqual(['spin_lock(t);', 'm = 1;', 'spin_unlock(t);', 'return m;']);
    expect(of(out, 'SWAP').map((m) => m.before.trim().split('\n')[0]!.trim())).toEqual(['spin_lock(t);', 'm = 1;']);
  });

  it('NEG negates conditions and the operands of && / ||', () => {
    const neg = of(ms, 'NEG').map((m) => m.after.trim()).sort();
    expect(neg).toEqual(['if (!(a && !b)) return 0x3;', 'if (!a && !b) return 0x3;', 'if (a && b) return 0x3;', 'return !a ? 1 : 2;'].sort());
  });

  it('CALL swaps kernel primitives from the table and imports the sibling', () => {
    const call = of(ms, 'CALL').map(mutated);
    expect(call).toHaveLength(3);
    expect(call).toContain(SRC.replace('spin_lock(a);', 'spin_unlock(a);').replace('pagetable_dtor }', 'pagetable_dtor, spin_unlock }'));
    expect(call).toContain(SRC.replace('pagetable_dtor(b);', 'pagetable_dtor_free(b);').replace('pagetable_dtor }', 'pagetable_dtor, pagetable_dtor_free }'));
    expect(call).toContain(SRC.replace('call_rcu(x, cb);', '(cb)(x);'));
  });

  it('CONST moves numbers by one, to zero, and flips the bits of masks', () => {
    expect(constValues(3, true)).toEqual([4, 2, 0, 1, 7]);
    expect(constValues(1, false)).toEqual([2, 0]);
    expect(of(ms, 'CONST').map((m) => m.after.trim())).toContain('if (a && !b) return 0x7;');
    expect(of(ms, 'CONST')).toHaveLength(10);
  });

  it('makes no CONST of a shift count that JavaScript runs as the original (count mod 32)', () => {
    const src = 'export function s(r: number, bit: number) {\n  return r ^ (0x11 << (bit + 24)) ^ (r >>> 24);\n}\n';
    const after = of(enumerateMutants('arch/x/s.ts', src), 'CONST').map((m) => m.after.trim());
    expect(after.some((l) => l.includes('56'))).toBe(false);
    expect(after).toContain('return r ^ (0x11 << (bit + 25)) ^ (r >>> 24);');
    expect(after).toContain('return r ^ (0x11 << (bit + 24)) ^ (r >>> 16);');
  });

  it('makes no CONST of the numbers formatting a message (template literals)', () => {
    const src = 'export function w(m: number) {\n  WARN_ON_ONCE(m > 2, `mask 0x${m.toString(16).padStart(2, "0")}`);\n}\n';
    expect(of(enumerateMutants('arch/x/w.ts', src), 'CONST').map((m) => m.after.trim())).toEqual(
      ['WARN_ON_ONCE(m > 3, `', 'WARN_ON_ONCE(m > 1, `', 'WARN_ON_ONCE(m > 0, `'].map((l) => l + 'mask 0x${m.toString(16).padStart(2, "0")}`);'));
  });

  it('gives unique IDs that do not move when the file changes elsewhere', () => {
    expect(new Set(ms.map((m) => m.id)).size).toBe(ms.length);
    expect(enumerateMutants('arch/x/y.ts', SRC).map((m) => m.id)).toEqual(ms.map((m) => m.id));
    const shifted = enumerateMutants('arch/x/y.ts', SRC.replace('export function f', 'function h() { return 5; }\n\nexport function f'));
    const ids = new Set(shifted.map((m) => m.id));
    for (const m of ms) expect(ids.has(m.id)).toBe(true);
    expect(ms[0]!.id).toMatch(/^arch\/x\/y\.ts#f\/DEL\/[0-9a-f]{10}$/);
  });

  it('names only primitives that src/kernel exports', () => {
    const exported = kernel as unknown as Record<string, unknown>;
    for (const name of callTableNames()) expect([name, typeof exported[name]]).toEqual([name, 'function']);
  });
});
