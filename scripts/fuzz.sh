#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document with schemathesis (examples, coverage, fuzzing
# and stateful phases), against a fresh server on each store: the embedded SQLite store and
# PostgreSQL. Fails on any server error, undocumented status code, response that breaks its
# schema, or another check of docs/fuzzing.md. Installs schemathesis from PyPI into
# .cache/fuzz-venv (idempotent).
#
#   scripts/fuzz.sh                 both stores
#   FUZZ_STORES=sqlite scripts/fuzz.sh
#   FUZZ_EXAMPLES=200 scripts/fuzz.sh   more cases per operation (default 40)
#   FUZZ_EXCLUDE=negative_data_rejection scripts/fuzz.sh   also the by-design check of docs/fuzzing.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.cache/fuzz-venv"
REQUIREMENTS="$ROOT/scripts/fuzz/requirements.txt"
want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [[ "$(cat "$VENV/.requirements.sha256" 2>/dev/null || true)" != "$want" ]]; then
  echo "fuzz: installing schemathesis into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" </dev/null
  echo "$want" >"$VENV/.requirements.sha256"
fi

cargo build --locked --quiet -p hexstack-bootstrap --bin hexstack
BIN="$ROOT/target/debug/hexstack"
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
WORK="$(mktemp -d)"
SERVER_PID=""
DATABASE=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  if [[ -n "$DATABASE" ]]; then psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

fuzz_store() {
  local store="$1" port base admin_token
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  local -a env=(FASTAPI_ENV=development HEXSTACK_DATA_DIR="$WORK/$store" PORT="$port"
    FIRST_SUPERUSER=admin@example.com FIRST_SUPERUSER_PASSWORD=fuzz-admin-password
    SECRET_KEY="fuzz-secret-key-of-at-least-32-bytes!" RUST_LOG=error
    TRUSTED_PROXIES=127.0.0.1
    # Fuzzing a password change with wrong current passwords counts as failed logins of the
    # fuzzer's account; with the default limit it would lock itself out within a second.
    RATE_LIMIT_LOGIN_PER_ACCOUNT=100000/1m)
  if [[ "$store" == postgres ]]; then
    DATABASE="hexstack_fuzz_$$"
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $DATABASE" -qc "CREATE DATABASE $DATABASE" >/dev/null
    env+=(DATABASE_URL="${PG_URL%/*}/$DATABASE")
  fi
  # A clean environment, started outside the checkout: no developer's .env or SMTP relay.
  (cd "$WORK" && exec env -i PATH="$PATH" HOME="$WORK" "${env[@]}" "$BIN" serve) >"$WORK/$store.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do curl -sf "$base/api/v1/utils/health-check/" >/dev/null && break; sleep 0.2; done
  local admin_token="" admin_id="" fuzzer_id=""
  admin_token="$(curl -sf -X POST "$base/api/v1/login/access-token" \
    -d 'username=admin@example.com&password=fuzz-admin-password' | json_field access_token)" || true
  [[ -n "$admin_token" ]] && admin_id="$(curl -sf "$base/api/v1/users/me" \
    -H "Authorization: Bearer $admin_token" | json_field id)" || true
  # The fuzzer's own superuser: what it fuzzes must never lock out the first one.
  [[ -n "$admin_id" ]] && fuzzer_id="$(curl -sf -X POST "$base/api/v1/users/" \
    -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    -d '{"email":"fuzzer@example.com","password":"fuzzer-password","is_superuser":true}' | json_field id)" || true
  if [[ -z "$fuzzer_id" ]]; then
    echo "fuzz: could not set up the fuzzer's account on $store; the server said:" >&2
    cat "$WORK/$store.log" >&2
    return 1
  fi
  echo "==> fuzz: $store"
  local status=0
  # filter_too_much: the hooks drop every case aimed at the first superuser, which on a path of
  # one id can reject enough draws to trip Hypothesis's health check; the cases run regardless.
  FUZZ_BASE_URL="$base" FUZZ_ADMIN_EMAIL=admin@example.com FUZZ_ADMIN_PASSWORD=fuzz-admin-password \
    FUZZ_USER_EMAIL=fuzzer@example.com FUZZ_USER_PASSWORD=fuzzer-password FUZZ_USER_ID="$fuzzer_id" \
    FUZZ_ADMIN_ID="$admin_id" \
    PYTHONPATH="$ROOT/scripts/fuzz" SCHEMATHESIS_HOOKS=hooks \
    "$VENV/bin/st" --config-file "$ROOT/scripts/fuzz/schemathesis.toml" run "$base/api/v1/openapi.json" \
    --phases examples,coverage,fuzzing,stateful --max-examples "${FUZZ_EXAMPLES:-40}" \
    --suppress-health-check=filter_too_much --checks all --exclude-checks "${FUZZ_EXCLUDE-positive_data_acceptance,negative_data_rejection}" \
    --seed "${FUZZ_SEED:-$RANDOM}" --no-color --workers 1 ${FUZZ_ARGS:-} </dev/null || status=$?
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  if grep -q "panicked" "$WORK/$store.log"; then
    echo "fuzz: the server panicked on $store:" >&2
    grep -A5 panicked "$WORK/$store.log" >&2
    status=1
  fi
  if [[ -n "$DATABASE" ]]; then
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $DATABASE" >/dev/null
    DATABASE=""
  fi
  return "$status"
}

failed=0
for store in ${FUZZ_STORES:-sqlite postgres}; do
  fuzz_store "$store" || failed=1
done
exit "$failed"
