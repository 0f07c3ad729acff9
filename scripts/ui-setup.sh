#!/usr/bin/env bash
# Prepares the UI toolchain: Debian's Chromium for the Playwright e2e tests (skipped with
# --no-chromium) and ui/node_modules from ui/package-lock.json (npm ci, only when missing or stale).
# Idempotent and non-interactive; works from any working directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UI="$ROOT/ui"
WANT_CHROMIUM=1
for arg in "$@"; do
  case "$arg" in
    --no-chromium) WANT_CHROMIUM=0 ;;
    *) echo "ui-setup: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ "$WANT_CHROMIUM" == 1 && ! -x /usr/bin/chromium ]]; then
  if ! command -v apt-get >/dev/null; then
    echo "ui-setup: /usr/bin/chromium is missing and apt-get is not available; install Chromium there" >&2
    exit 1
  fi
  echo "ui-setup: installing Debian chromium (apt-get)"
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then SUDO="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium </dev/null
fi

command -v npm >/dev/null || { echo "ui-setup: npm (Node 20.19+) is required" >&2; exit 1; }

STAMP="$UI/node_modules/.hexstack-lock.sha256"
want="$(sha256sum "$UI/package-lock.json" | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [[ ! -d "$UI/node_modules" || "$want" != "$have" ]]; then
  echo "ui-setup: npm ci in ui/"
  (cd "$UI" && npm ci --no-audit --no-fund --engine-strict </dev/null)
  echo "$want" >"$STAMP"
else
  echo "ui-setup: ui/node_modules is up to date"
fi
