#!/usr/bin/env bash
# Compares two hexstack release binaries side by side in one run, on PostgreSQL: the
# authenticated hot paths (users/me, the 100-item list), alternating A B A B so that drift of
# the machine hits both alike. Prints req/s and p99 per round and the B/A ratio of the means.
#   scripts/bench-compare.sh OLD_BINARY NEW_BINARY      (DURATION=10 CONNECTIONS=32 ROUNDS=2)
# Build the binaries with `cargo build --release --bin hexstack` at the two commits.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 2 && -x $1 && -x $2 ]] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
duration="${DURATION:-10}"
connections="${CONNECTIONS:-32}"
rounds="${ROUNDS:-2}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# "req/s p99_ms" of one wrk run.
measure() { # url
  wrk -t2 -c"$connections" -d"${duration}"s --latency -s bench/auth.lua "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 } /^ +99%/ { p99=ms($2) }
    END { printf "%.0f %.2f\n", rps, p99 }'
}

run() { # label binary round
  local db="hexstack_compare_$$_$3_${1,,}" port=$((20000 + RANDOM % 20000)) pid base token
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
  env -i PATH="$PATH" HOME="$HOME" LOG_FORMAT=json RUST_LOG=warn SECRET_KEY=benchmark-secret-of-at-least-32-bytes \
    FIRST_SUPERUSER=admin@example.com FIRST_SUPERUSER_PASSWORD=admin-password \
    DATABASE_URL="${TEST_DATABASE_URL%/*}/$db" DATABASE_POOL_MAX_CONNECTIONS=16 \
    "$2" --data-dir "$work/$1$3" serve --port "$port" > "$work/$1$3.log" 2>&1 &
  pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 200); do curl -fs "$base/api/v1/utils/health-check/" >/dev/null && break; sleep 0.05; done
  curl -fs -X POST "$base/api/v1/users/signup" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password-1"}' >/dev/null
  token=$(curl -fs -X POST "$base/api/v1/login/access-token" \
    -d 'username=bench@example.com&password=bench-password-1' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  for i in $(seq 1 100); do
    curl -fs -X POST "$base/api/v1/items/" -H "authorization: Bearer $token" \
      -H 'content-type: application/json' -d "{\"title\":\"item $i\"}" >/dev/null
  done
  export TOKEN=$token
  echo "$1 $3 me $(measure "$base/api/v1/users/me")" >> "$work/results"
  echo "$1 $3 list $(measure "$base/api/v1/items/?skip=0&limit=100")" >> "$work/results"
  kill -TERM $pid; wait $pid || true
  psql "$TEST_DATABASE_URL" -qc "DROP DATABASE $db" >/dev/null
}

for round in $(seq 1 "$rounds"); do
  run A "$1" "$round"
  run B "$2" "$round"
done
echo "| run | round | scenario | req/s | p99 ms |"
echo "|---|---|---|---|---|"
awk '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$work/results"
awk '{ sum[$1" "$3] += $4; n[$1" "$3]++ }
  END { for (s in n) if (s ~ /^B/) { split(s, p, " "); a = sum["A " p[2]] / n["A " p[2]]; b = sum[s] / n[s];
        printf "%s: B/A = %.2f (A %.0f req/s, B %.0f req/s)\n", p[2], b / a, a, b } }' "$work/results"
