#!/usr/bin/env bash
# Render the HTML report in a real headless browser (Debian's chromium) and check what it shows.
#
#   scripts/browser-check.sh [OUT_DIR]        (default OUT_DIR: site)
#
# 1. `ptconform check --json OUT/r.json` on a deliberately broken fixture and the generic adapter;
# 2. `ptconform report --from OUT/r.json --out OUT` (index.html, matrix.md);
# 3. chromium --headless: a screenshot (OUT/screenshot.png, 1400x2000) and the DOM after layout
#    (OUT/dom.html, from --dump-dom);
# 4. asserts on that DOM: the conformance matrix table with a row per adapter and a failing cell
#    linking to its counterexample, and the fixture's counterexample section whose timeline
#    table marks the violating step (<tr class="violation">); and that the PNG is 1400x2000.
#
# Needs a built CLI (npm run build). Environment: CHROMIUM (default: chromium on PATH),
# FIXTURE (default fixtures/broken/b1-dtor-before-rcu.ts, expected to fail C-DT-1),
# FIXTURE_NAME (default broken-b1-dtor-before-rcu), CONTRACT (default C-DT-1),
# RUNS (default: check's own default), CHECK_ARGS (more `check` arguments, split on spaces,
# e.g. "-p dtor -p lifetime"). Exit 0 when every assertion holds, 1 when one fails,
# 77 when chromium is missing (the automake "skipped" code).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT_ARG="${1:-site}"
mkdir -p "$OUT_ARG"
OUT="$(cd "$OUT_ARG" && pwd)"
CHROMIUM="${CHROMIUM:-chromium}"
FIXTURE="${FIXTURE:-fixtures/broken/b1-dtor-before-rcu.ts}"
FIXTURE_NAME="${FIXTURE_NAME:-broken-b1-dtor-before-rcu}"
CONTRACT="${CONTRACT:-C-DT-1}"
PTC=(node "$ROOT/bin/ptconform.js")

fail() {
  echo "browser-check: FAIL: $*" >&2
  exit 1
}

if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
  echo "browser-check: skipped: '$CHROMIUM' not found (apt-get install -y chromium)" >&2
  exit 77
fi

extra=()
if [[ -n "${RUNS:-}" ]]; then extra=(--runs "$RUNS"); fi
if [[ -n "${CHECK_ARGS:-}" ]]; then read -r -a more <<< "$CHECK_ARGS"; extra+=("${more[@]}"); fi

# 1. Results. Exit 1 (an unexpected verdict) still gives a report worth checking; 2 does not.
set +e
(cd "$ROOT" && "${PTC[@]}" check --quiet "${extra[@]}" --adapter "$FIXTURE" --adapter generic-v6.14 --json "$OUT/r.json") > "$OUT/check.log" 2>&1
status=$?
set -e
if [[ $status -ne 0 && $status -ne 1 ]]; then
  cat "$OUT/check.log" >&2
  fail "ptconform check exited $status"
fi

# 2. Report.
"${PTC[@]}" report --from "$OUT/r.json" --out "$OUT" > "$OUT/report.log" 2>&1 || { cat "$OUT/report.log" >&2; fail "ptconform report failed"; }
[[ -s "$OUT/index.html" && -s "$OUT/matrix.md" ]] || fail "report did not write index.html and matrix.md"

# 3. Browser. A fresh profile each time; no network, no first-run UI, no GPU.
chrome() {
  local profile
  profile="$(mktemp -d)"
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" "$@"
  local rc=$?
  rm -rf "$profile"
  return $rc
}
URL="file://$OUT/index.html"
rm -f "$OUT/screenshot.png"
chrome --screenshot="$OUT/screenshot.png" --window-size=1400,2000 "$URL" > "$OUT/chromium.log" 2>&1 \
  || { tail -n 20 "$OUT/chromium.log" >&2; fail "chromium --screenshot failed"; }
chrome --dump-dom --window-size=1400,2000 "$URL" > "$OUT/dom.html" 2>> "$OUT/chromium.log" \
  || { tail -n 20 "$OUT/chromium.log" >&2; fail "chromium --dump-dom failed"; }

# 4. Assertions on the DOM chromium built and on the PNG.
node - "$OUT" "$FIXTURE_NAME" "$CONTRACT" <<'EOF'
const fs = require('fs');
const path = require('path');
const [out, fixture, contract] = process.argv.slice(2);
const dom = fs.readFileSync(path.join(out, 'dom.html'), 'utf8');
const problems = [];
const need = (ok, what) => { if (!ok) problems.push(what); };

const matrix = /<section id="matrix">[\s\S]*?<table class="matrix">([\s\S]*?)<\/table>/.exec(dom);
need(matrix, 'no <table class="matrix"> inside <section id="matrix">');
if (matrix) {
  const body = matrix[1];
  need(body.includes(`<code>${fixture}</code>`), `the matrix has no row for ${fixture}`);
  need(body.includes('<code>generic-v6.14</code>'), 'the matrix has no row for generic-v6.14');
  need(/<td class="cell fail[^"]*"><a href="#cx-/.test(body), 'no failing matrix cell links to a counterexample');
  need((body.match(/<tr>/g) || []).length >= 2, 'the matrix has fewer than 2 rows');
}
const id = `cx-${fixture}-${contract}`.replace(/[^A-Za-z0-9._-]/g, '-');
const section = new RegExp(`<section class="counterexample" id="${id}">([\\s\\S]*?)</section>`).exec(dom);
need(section, `no counterexample section #${id}`);
if (section) {
  const s = section[1];
  need(s.includes(`<strong>${contract}</strong>`), `section #${id} does not name ${contract}`);
  need(s.includes('<table class="timeline">'), `section #${id} has no timeline table`);
  const viol = /<tr class="violation">([\s\S]*?)<\/tr>/.exec(s);
  need(viol, `the timeline of #${id} has no violation row`);
  if (viol) need(viol[1].includes('&gt;&gt;'), 'the violation row is not marked >>');
}

const png = fs.readFileSync(path.join(out, 'screenshot.png'));
need(png.subarray(1, 4).toString('latin1') === 'PNG', 'screenshot.png is not a PNG');
const w = png.readUInt32BE(16), h = png.readUInt32BE(20);
need(w === 1400 && h === 2000, `screenshot is ${w}x${h}, expected 1400x2000`);
need(png.length > 20000, `screenshot is only ${png.length} bytes (blank page?)`);

if (problems.length) {
  for (const p of problems) console.error(`browser-check: FAIL: ${p}`);
  process.exit(1);
}
console.log(`browser-check: ok: matrix and #${id} timeline (violation row) rendered; ${path.join(out, 'screenshot.png')} ${w}x${h}, ${png.length} bytes`);
EOF
