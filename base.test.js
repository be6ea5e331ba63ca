// @ts-nocheck
/**
 * Regression test for a ptconform counterexample, exported by
 * `ptconform export base.json --as jest`.
 *
 * Adapter:   broken-b1-dtor-before-rcu (broken-b1-dtor-before-rcu)
 * Property:  dtor, judged on C-DT-1, C-DT-3, C-LT-13
 * Violation: C-DT-1: pagetable_dtor(pt@0x100003000) while cpu0 still map it (pte_offset_map before pte_unmap): the ptlock dies before its last possible use
 * Found by:  fast-check seed 1, path 11:2:0:0:0:0:0:0:3:3:1:1:1:3:3:3:1:1
 *
 * The shrunk scenario is embedded below and replayed by ptconform's runner. The test FAILS
 * while the adapter violates any of the judged contracts on it, and PASSES once it is fixed.
 * ptconform is required through jest; the adapter is evaluated by ptconform's own loader, so a
 * TypeScript adapter needs no jest transform.
 */
'use strict';

const { describe, expect, test } = require('@jest/globals');
const nodePath = require('node:path');

/** The installation that exported this test, used when `ptconform` is not installed here. */
const EXPORTED_FROM = "/work/wt-strict";

// The adapter by its registry name (`ptconform list`), as saved.
const ADAPTER = "broken-b1-dtor-before-rcu";

const PROPERTY = "dtor";
const JUDGED = ["C-DT-1","C-DT-3","C-LT-13"];
const SAVED_VIOLATION = {"contract":"C-DT-1","message":"pagetable_dtor(pt@0x100003000) while cpu0 still map it (pte_offset_map before pte_unmap): the ptlock dies before its last possible use"};
const SEED = 1;
const PATH = "11:2:0:0:0:0:0:0:3:3:1:1:1:3:3:3:1:1";

const SCENARIO = {
  "fileKind": "shmem",
  "slots": [
    {
      "vma": "file",
      "shared": false,
      "uffd": "missing",
      "table": true,
      "ptes": [
        "clean",
        "clean"
      ]
    },
    {
      "vma": "file",
      "shared": false,
      "uffd": "missing",
      "table": true,
      "ptes": [
        "dirty",
        "dirty"
      ]
    }
  ],
  "warm": true,
  "splitPtl": true,
  "allocSplitPtl": false,
  "batchAllocFail": 0,
  "ptlockAllocFail": 0,
  "reclaim": true,
  "programs": [
    [
      {
        "k": "walk",
        "slot": 1,
        "index": 0,
        "api": "lock"
      }
    ],
    [
      {
        "k": "dontneed",
        "slot": 1
      }
    ],
    [
      {
        "k": "fault",
        "slot": 0,
        "index": 1,
        "write": true
      },
      {
        "k": "gup_fast",
        "slot": 0,
        "index": 0
      },
      {
        "k": "access",
        "slot": 0,
        "index": 1,
        "write": false
      },
      {
        "k": "collapse",
        "slot": 0,
        "madvise": true
      },
      {
        "k": "khugepaged"
      },
      {
        "k": "uffd_copy",
        "slot": 0,
        "index": 0
      },
      {
        "k": "uffd_poison",
        "slot": 0,
        "index": 1
      },
      {
        "k": "writeback",
        "index": 1
      },
      {
        "k": "munmap",
        "slot": 0
      }
    ]
  ],
  "schedule": [
    {
      "a": 1,
      "n": 2
    },
    {
      "a": 0,
      "n": 1
    },
    {
      "a": 0,
      "n": 1
    },
    {
      "a": 1,
      "n": 64
    }
  ]
};

/** ptconform's public API: the `ptconform` package seen from here, else the exporting install. */
function loadPtconform() {
  let where = EXPORTED_FROM;
  try {
    where = require.resolve('ptconform');
  } catch {
    /* not installed next to this test */
  }
  return require(where);
}

describe("ptconform: broken-b1-dtor-before-rcu on the saved dtor counterexample", () => {
  test("no violation of C-DT-1, C-DT-3, C-LT-13 (saved: C-DT-1)", () => {
    const pt = loadPtconform();
    const adapter = pt.findAdapter(ADAPTER);
    const judged = new Set(JUDGED);
    const property = pt.PROPERTIES.find((p) => p.id === PROPERTY);
    const res = pt.runScenario(adapter, SCENARIO, {
      judge: (v) => judged.has(v.contract),
      monitors: property && property.monitor ? [property.monitor] : [],
    });
    let outcome = 'no violation';
    if (res.limit !== undefined) {
      outcome = `model limit (not a verdict): ${res.limit}`;
    } else if (res.violation) {
      const cx = pt.counterexampleOf(res, SEED, PATH, '');
      outcome = [
        `${adapter.name} violates ${res.violation.contract} (saved counterexample: ${SAVED_VIOLATION.contract}): ${res.violation.message}`,
        pt.renderTimelineText(cx),
      ].join('\n');
    }
    expect(outcome).toBe('no violation');
  });
});
