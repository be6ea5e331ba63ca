/**
 * The drawn world geometry of a scenario: the number of pmd slots, PTEs per table, CPUs and, for
 * powerpc's fragment allocator, PTE tables per page (`PTE_FRAG_NR`).
 *
 * Slots, PTEs and CPUs are not separate scenario fields: they are the lengths of `slots`, of
 * each slot's `ptes` and of `programs`, so a scenario cannot contradict itself and a replay file
 * written when the geometry was fixed (2 slots of 2 PTEs, 3 CPUs) still loads and means what it
 * meant. The fragment count is the optional `frags` (absent: what the adapter declares).
 *
 * The generator draws each dimension from a weighted table mapped from one `fc.nat`, so that
 * fast-check shrinks it toward the smallest world (1 slot, 1 PTE, 2 CPUs, 1 fragment).
 */
import fc from 'fast-check';
import type { Adapter } from '../adapter/types';

/** The geometry of replay files written before it was drawn: 2 slots of 2 PTEs, 3 CPUs. */
export const LEGACY_GEOMETRY = { slots: 2, ptes: 2, cpus: 3 } as const;

/** Bounds of the drawn geometry (and of what a replay file may hold). */
export const GEOMETRY_BOUNDS = {
  slots: { min: 1, max: 4 },
  ptes: { min: 1, max: 4 },
  cpus: { min: 2, max: 4 },
  /** powerpc PTE_FRAG_NR as drawn: a power of two (the model lays fragments out in a 4096-byte page). */
  frags: { min: 1, max: 4 },
} as const;

/** The geometry of one scenario. */
export interface ScenarioGeometry {
  slots: number;
  ptes: number;
  cpus: number;
  /** PTE tables per page this run, or undefined for the adapter's declaration. */
  frags?: number;
}

/** What the generator needs of a scenario to read its geometry. */
interface Shaped {
  slots: readonly { ptes: readonly unknown[] }[];
  programs: readonly unknown[];
  frags?: number;
}

/** The geometry of `sc`, read from its array lengths (and `frags`). */
export function geometryOf(sc: Shaped): ScenarioGeometry {
  const g: ScenarioGeometry = { slots: sc.slots.length, ptes: sc.slots[0]?.ptes.length ?? LEGACY_GEOMETRY.ptes, cpus: sc.programs.length };
  if (sc.frags !== undefined) g.frags = sc.frags;
  return g;
}

/**
 * Whether the adapter's PTE tables per page are drawn per scenario: powerpc's fragment allocator
 * (`pte_fragment_alloc()`, `PTE_FRAG_NR` a build-time constant that differs per config: 1 with
 * 4K pages, 16 for hash with 64K pages, 256 for radix with 64K pages, 4 on 8xx with 16K pages).
 * s390's 2K halves and sparc32's chunks are fixed by their hardware and stay as declared.
 */
export function drawsFrags(adapter: Adapter): boolean {
  return adapter.arch === 'powerpc' && adapter.declarations.tablesPerPage > 1;
}

/** Weights of the drawn sizes, smallest first (see `GenConfig.geometry`). */
export interface GeometryWeights {
  /** For 1..4 pmd slots. */
  slots: readonly number[];
  /** For 1..4 PTEs per table. */
  ptes: readonly number[];
  /** For 2..4 CPUs. */
  cpus: readonly number[];
  /** For PTE_FRAG_NR 1, 2, 4 (powerpc). */
  frags: readonly number[];
}

/**
 * One of `values` drawn with `weights`, shrinking toward the first: one unbiased nat mapped by
 * cumulative weight (fast-check's small-value bias would otherwise skew the weights).
 */
export function shrinkingWeighted<T>(values: readonly T[], weights: readonly number[]): fc.Arbitrary<T> {
  const total = weights.reduce((s, w) => s + w, 0);
  return fc.noBias(fc.nat({ max: total - 1 })).map((n) => {
    let acc = 0;
    for (let i = 0; i < values.length; i++) {
      acc += weights[i] ?? 0;
      if (n < acc) return values[i]!;
    }
    return values[values.length - 1]!;
  });
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The geometry arbitrary for `adapter` (fragments only where `drawsFrags`). */
export function geometryArb(adapter: Adapter, w: GeometryWeights): fc.Arbitrary<ScenarioGeometry> {
  const b = GEOMETRY_BOUNDS;
  const base = {
    slots: shrinkingWeighted(range(b.slots.min, b.slots.max), w.slots),
    ptes: shrinkingWeighted(range(b.ptes.min, b.ptes.max), w.ptes),
    cpus: shrinkingWeighted(range(b.cpus.min, b.cpus.max), w.cpus),
  };
  if (!drawsFrags(adapter)) return fc.record(base);
  const declared = adapter.declarations.tablesPerPage;
  const frags = [1, 2, 4].filter((f) => f <= declared);
  return fc.record({ ...base, frags: shrinkingWeighted(frags, w.frags.slice(0, frags.length)) });
}
