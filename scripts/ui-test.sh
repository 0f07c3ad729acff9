#!/usr/bin/env bash
# Runs every UI check: Biome, tsc, client staleness, vitest, production build, Playwright e2e in
# Debian's Chromium against the real hexstack binary (target/debug/hexstack or $HEXSTACK_BIN).
# Pass --no-e2e to skip the browser tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) E2E=0 ;;
    *) echo "ui-test: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ "$E2E" == 1 ]]; then
  "$ROOT/scripts/ui-setup.sh"
else
  "$ROOT/scripts/ui-setup.sh" --no-chromium
fi

export CI="${CI:-true}"
cd "$ROOT/ui"
step() { echo; echo "== ui-test: $* =="; }

step "biome check"
npx --no-install biome check . </dev/null
step "tsc --noEmit"
npx --no-install tsc -p tsconfig.json --noEmit </dev/null
step "generated client is up to date"
npm run -s check-client </dev/null
step "vitest"
npx --no-install vitest run </dev/null
step "build"
npm run build </dev/null

if [[ "$E2E" == 1 ]]; then
  BIN="${HEXSTACK_BIN:-$ROOT/target/debug/hexstack}"
  if [[ ! -x "$BIN" ]]; then
    echo "ui-test: the hexstack binary is missing at $BIN; build it first (cargo build --workspace)" >&2
    exit 1
  fi
  export HEXSTACK_BIN="$BIN"
  step "playwright e2e (binary: $BIN)"
  npx --no-install playwright test </dev/null
fi
echo
echo "ui-test: all UI checks passed"
