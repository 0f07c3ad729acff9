#!/usr/bin/env bash
# Runs the FastAPI template's own frontend and Playwright suite against hexstack: starts the
# binary (target/debug/hexstack or $HEXSTACK_BIN) configured as the harness asks, on a fresh
# SQLite store (or DATABASE_URL), runs ../shared/template-e2e/run.sh (or $TEMPLATE_E2E), stops the
# server. Needs TEMPLATE_GIT (the template's git directory). Extra arguments go to the harness
# (a spec file, -g "title"). Last line: "N passed, M failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS="${TEMPLATE_E2E:-$ROOT/../shared/template-e2e/run.sh}"
BIN="${HEXSTACK_BIN:-$ROOT/target/debug/hexstack}"
PORT="${API_PORT:-18370}"
: "${TEMPLATE_GIT:?set TEMPLATE_GIT to the git directory of the template}"
[[ -x "$BIN" ]] || { echo "template-e2e: build the binary first ($BIN is missing)" >&2; exit 2; }
[[ -f "$HARNESS" ]] || { echo "template-e2e: no harness at $HARNESS" >&2; exit 2; }

DATA="$(mktemp -d)"
LOG="$DATA/server.log"
cleanup() {
  [[ -n "${SERVER:-}" ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  rm -rf "$DATA"
}
trap cleanup EXIT

env -u DATABASE_URL FASTAPI_ENV=development SECRET_KEY=template-e2e-secret-key \
  ${DATABASE_URL:+DATABASE_URL="$DATABASE_URL"} \
  HEXSTACK_DATA_DIR="$DATA" FRONTEND_HOST="http://127.0.0.1:${FRONTEND_PORT:-15373}" \
  SMTP_HOST=127.0.0.1 SMTP_PORT="${MAIL_SMTP_PORT:-11373}" SMTP_TLS=false SMTP_SSL=false \
  EMAILS_FROM_EMAIL=info@example.com \
  FIRST_SUPERUSER="${FIRST_SUPERUSER:-admin@example.com}" \
  FIRST_SUPERUSER_PASSWORD="${FIRST_SUPERUSER_PASSWORD:-changethis}" \
  "$BIN" serve --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/api/v1/utils/health-check/" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$LOG" >&2; exit 2; }
  sleep 0.2
done

API_BASE="http://127.0.0.1:$PORT" TEMPLATE_GIT="$TEMPLATE_GIT" bash "$HARNESS" "$@"
