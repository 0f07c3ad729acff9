#!/usr/bin/env bash
# Runs every test of hexstack from a fresh clone: Rust formatting, lints and tests (domain,
# use cases, adapters against SQLite and PostgreSQL, the system over HTTP), a fuzzer driven by
# the OpenAPI document on both stores, the web app's checks
# and browser tests, and the deployment files' validation. Installs what it needs (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "PostgreSQL for the adapter tests"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
# Databases left behind by earlier runs' contract tests (one per test) and fuzz runs.
psql "$TEST_DATABASE_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'hexstack_test_%' OR datname LIKE 'hexstack_fuzz_%'" 2>/dev/null \
  | while read -r db; do psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true; done

step "HAProxy for the replicas-behind-a-proxy test (Debian's package)"
command -v haproxy >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v haproxy >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
}
export PATH="$PATH:/usr/sbin"

step "cargo fmt"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked --no-fail-fast

step "fuzzing the API from its OpenAPI document (schemathesis), on SQLite and PostgreSQL"
bash scripts/fuzz.sh

step "web app: lint, types, client, unit tests, build, browser tests"
bash scripts/ui-test.sh

step "deployment files: compose, Kubernetes, workflows"
bash scripts/infra-check.sh

printf '\nAll checks passed.\n'
