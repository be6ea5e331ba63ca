/**
 * The schema of a replay file (src/results/replayFile.ts), field by field: the scenario exactly
 * as src/engine/scenario.ts and src/engine/ops.ts define it (enums; a geometry within
 * GEOMETRY_BOUNDS: 1..4 slots with the same number of initial PTEs each, one program per CPU;
 * slot < slots, index < PTEs, chunk actor ≤ CPUs, step counts ≥ 1), the
 * fast-check seed and path, and contract ids from the catalog. Unknown fields are refused: a
 * typo would otherwise be replayed as a different scenario without a word.
 */
import { MAX_GATHER_BATCH, MAX_TABLE_BATCH } from '../model/gather';
import { CONTRACTS } from '../contracts/catalog';
import type { Op } from '../engine/ops';
import type { Chunk, PteInit, Scenario, SlotInit } from '../engine/scenario';
import { GEOMETRY_BOUNDS } from '../engine/geometry';
import { arrayOf, bool, fail, int, object, oneOf, str, tagged, type Fields, type Validator } from './shape';

/** Most ops in one CPU's program, most chunks in a schedule, most steps in a chunk (far above what the generator draws). */
export const REPLAY_LIMITS = { ops: 1000, chunks: 1000, steps: 1_000_000 } as const;

/** A fast-check seed: a 32-bit integer, signed or unsigned. */
export const SEED_MIN = -0x80000000;
/** See {@link SEED_MIN}. */
export const SEED_MAX = 0xffffffff;

const B = GEOMETRY_BOUNDS;
// Checked against the scenario's own geometry by `scenarioShape`.
const slot = int(0, B.slots.max - 1, `a pmd slot 0..${B.slots.max - 1}`);
const index = int(0, B.ptes.max - 1, `a PTE index 0..${B.ptes.max - 1}`);

const OPS: Record<Op['k'], Fields> = {
  fault: { required: { slot, index, write: bool } },
  walk: { required: { slot, index, api: oneOf(['map', 'lock', 'nolock', 'arch']) }, optional: { remote: bool } },
  gup_fast: { required: { slot, index } },
  access: { required: { slot, index, write: bool } },
  dontneed: { required: { slot } },
  munmap: { required: { slot } },
  khugepaged: { required: {} },
  collapse: { required: { slot }, optional: { madvise: bool } },
  uffd_copy: { required: { slot, index } },
  uffd_poison: { required: { slot, index } },
  writeback: { required: { index } },
  hugetlb_unshare: { required: {} },
  hugetlb_gup_fast: { required: { index } },
  collapse_anon: { required: { slot } },
  split: { required: { slot } },
  dma: { required: { slot, index, write: bool } },
  fork: { required: {} },
  mmap: { required: { slot } },
  mremap: { required: { slot, to: slot } },
};

const op = tagged<Op>('k', OPS, 'an op object');

const pteInit = oneOf<PteInit>(['none', 'clean', 'dirty', 'poison', 'wp', 'swap']);

const slotInit = object<SlotInit>({
  required: {
    vma: oneOf(['anon', 'file']),
    shared: bool,
    uffd: oneOf(['none', 'missing', 'wp']),
    table: bool,
    ptes: arrayOf(pteInit, B.ptes.min, B.ptes.max, 'an array of PTE states'),
  },
});

const chunk = object<Chunk>({
  required: {
    a: int(0, B.cpus.max, `an actor 0..${B.cpus.max}`),
    n: int(1, REPLAY_LIMITS.steps, 'a positive integer'),
  },
});

/** powerpc PTE_FRAG_NR: a power of two (a divisor of the model's 4096-byte page), at most 16. */
const frags: Validator<number> = (v, at) => {
  const n = int(1, 16, 'a PTE_FRAG_NR 1, 2, 4, 8 or 16')(v, at);
  return (n & (n - 1)) === 0 ? n : fail(at, 'a PTE_FRAG_NR 1, 2, 4, 8 or 16', v);
};

/** An allocation-failure bitmask (bit k fails the k-th allocation). */
const failMask = int(0, 0x7fffffff, 'a bitmask 0..2147483647');

/** The scenario's fields, each on its own. */
const scenarioFields: Validator<Scenario> = object<Scenario>({
  required: {
    fileKind: oneOf(['shmem', 'file']),
    slots: arrayOf(slotInit, B.slots.min, B.slots.max, 'an array of slots'),
    warm: bool,
    splitPtl: bool,
    allocSplitPtl: bool,
    batchAllocFail: failMask,
    ptlockAllocFail: failMask,
    reclaim: bool,
    programs: arrayOf(arrayOf(op, 0, REPLAY_LIMITS.ops, 'an array of ops'), B.cpus.min, B.cpus.max, 'an array of per-CPU programs'),
    schedule: arrayOf(chunk, 0, REPLAY_LIMITS.chunks, 'an array of chunks'),
  },
  optional: {
    batch: object<{ tables: number; pages: number }>({
      required: {
        tables: int(1, MAX_TABLE_BATCH, `a table-batch capacity 1..${MAX_TABLE_BATCH}`),
        pages: int(1, MAX_GATHER_BATCH, `a page-batch capacity 1..${MAX_GATHER_BATCH}`),
      },
    }),
    frags,
  },
});

/** The scenario of a replay file: its fields, then every index within its own geometry. */
export const scenarioShape: Validator<Scenario> = (v, at) => {
  const sc = scenarioFields(v, at);
  const slots = sc.slots.length;
  const ptes = sc.slots[0]!.ptes.length;
  const cpus = sc.programs.length;
  sc.slots.forEach((s, i) => {
    if (s.ptes.length !== ptes) fail(`${at}.slots[${i}].ptes`, `an array of ${ptes} PTE states (as slots[0])`, s.ptes);
  });
  sc.programs.forEach((p, c) => p.forEach((o, i) => {
    const here = `${at}.programs[${c}][${i}]`;
    if ('slot' in o && o.slot >= slots) fail(`${here}.slot`, `a pmd slot 0..${slots - 1}`, o.slot);
    if ('index' in o && o.index >= ptes) fail(`${here}.index`, `a PTE index 0..${ptes - 1}`, o.index);
  }));
  sc.schedule.forEach((ch, j) => {
    if (ch.a > cpus) fail(`${at}.schedule[${j}].a`, `an actor 0..${cpus} (a CPU, or ${cpus} for RCU)`, ch.a);
  });
  return sc;
};

const CONTRACT_IDS = CONTRACTS.map((c) => c.id);

/** A contract id of the catalog. */
export const contractId: Validator<string> = (v, at) =>
  typeof v === 'string' && CONTRACT_IDS.includes(v) ? v : fail(at, 'a contract id of the catalog (see `ptconform list`)', v);

/** A list of distinct catalog contract ids (empty only in an adapter-error file: see replayFile.ts). */
export const contractList: Validator<string[]> = (v, at) => {
  const ids = arrayOf(contractId, 0, CONTRACT_IDS.length, 'an array of contract ids')(v, at);
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  return dup < 0 ? ids : fail(`${at}[${dup}]`, 'a contract id not listed before', ids[dup]);
};

/** A fast-check seed. */
export const seedShape = int(SEED_MIN, SEED_MAX, 'a 32-bit integer seed');

/** A non-empty fast-check replay path: colon-separated non-negative integers, e.g. `11:2:0`. */
export const FC_PATH_RE = /^\d{1,9}(:\d{1,9})*$/;

/** A fast-check replay path, or empty (a hand-built counterexample has none). */
export const pathShape = str(new RegExp(`${FC_PATH_RE.source}|^$`), 'a fast-check path like "11:2:0" (or "")');

/** A tool version, e.g. `0.1.0`. */
export const versionShape = str(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'a version like "0.1.0"');

/** A sha256 digest in lower-case hex. */
export const sha256Shape = str(/^[0-9a-f]{64}$/, 'a sha256 digest (64 lower-case hex digits)');

/** A non-empty single-line string. */
export const nameShape = str(/^[^\n\r]+$/, 'a non-empty single-line string');
