#!/usr/bin/env bash
# Benchmarks hexstack as the FastAPI template was measured: wrk, 32 connections, 10 s, server
# and load generator on this machine. Builds the release binary, runs it on PostgreSQL and on
# SQLite, seeds a user with 100 items, and measures items list, item creation, users/me and
# login (plus the list while logins run), the server's peak RSS and its start-to-ready time.
# Prints the table and writes it to docs/benchmarks.md.
#   DURATION=10 CONNECTIONS=32 scripts/bench.sh
#   scripts/bench.sh --growth      cost as data grows (scripts/bench-growth.sh)
#   scripts/bench.sh --replicas    one vs two replicas behind HAProxy (scripts/bench-replicas.sh)
#   TEMPLATE_GIT=... scripts/bench.sh --peer   beside the original and the ceiling (scripts/bench-peer.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == --growth ]]; then exec bash scripts/bench-growth.sh; fi
if [[ "${1:-}" == --replicas ]]; then exec bash scripts/bench-replicas.sh; fi
if [[ "${1:-}" == --peer ]]; then exec bash scripts/bench-peer.sh; fi
root=$PWD
duration="${DURATION:-10}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
cargo build --release --locked --bin hexstack
bin="$root/target/release/hexstack"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

email=bench@example.com
password=bench-password-1
rows=()

# wrk's summary as "req/s p50 p99 non2xx" (latencies in ms).
wrk_run() { # script conns seconds url
  local out t=$threads
  (( $2 < t )) && t=$2
  out=$(wrk -t"$t" -c"$2" -d"$3"s --latency -s "bench/$1" "$4")
  echo "$out" >> "$work/wrk.log"
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    /^ +50%/ { p50=ms($2) }
    /^ +99%/ { p99=ms($2) }
    /Non-2xx/ { non=$NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, non+0 }' <<<"$out"
}

peak_rss_mib() { awk '/VmHWM/ { printf "%.1f", $2/1024 }' "/proc/$1/status"; }

bench_store() { # name, database url (empty: sqlite)
  local name=$1 url=$2 port data log pid ready
  port=$((20000 + RANDOM % 20000))
  data="$work/$name"
  log="$work/$name.log"
  mkdir -p "$data"
  env -i PATH="$PATH" HOME="$HOME" LOG_FORMAT=json RUST_LOG=warn,hexstack_bootstrap=info \
    SECRET_KEY=benchmark-secret-of-at-least-32-bytes FIRST_SUPERUSER=admin@example.com FIRST_SUPERUSER_PASSWORD=admin-password \
    DATABASE_URL="$url" DATABASE_POOL_MAX_CONNECTIONS="${POOL:-16}" \
    "$bin" --data-dir "$data" serve --port "$port" > "$log" 2>&1 &
  pid=$!
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 200); do curl -fs "$base/api/v1/utils/health-check/" >/dev/null && break; sleep 0.05; done
  ready=$(grep -o '"ready_ms":"\?[0-9]*' "$log" | head -n1 | tr -dc '0-9')

  curl -fs -X POST "$base/api/v1/users/signup" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
  local token
  token=$(curl -fs -X POST "$base/api/v1/login/access-token" -d "username=$email&password=$password" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  for i in $(seq 1 100); do
    curl -fs -X POST "$base/api/v1/items/" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"title\":\"item $i\",\"description\":\"seeded\"}" >/dev/null
  done
  export TOKEN=$token EMAIL=$email PASSWORD=$password

  local list create me login single mixed
  list=$(wrk_run auth.lua "$connections" "$duration" "$base/api/v1/items/?skip=0&limit=100")
  me=$(wrk_run auth.lua "$connections" "$duration" "$base/api/v1/users/me")
  login=$(wrk_run login.lua "$connections" "$duration" "$base/api/v1/login/access-token")
  sleep 2 # let the queued logins of the previous run drain
  single=$(wrk_run login.lua 1 5 "$base/api/v1/login/access-token")
  # The list while logins saturate the hashing threads: argon2 must not stall it.
  wrk_run login.lua "$connections" "$duration" "$base/api/v1/login/access-token" > "$work/bg" &
  local bg=$!
  sleep 1
  mixed=$(wrk_run auth.lua "$connections" $((duration - 2)) "$base/api/v1/items/?skip=0&limit=100")
  wait $bg
  # Creation last: it grows the list.
  create=$(wrk_run create_item.lua "$connections" "$duration" "$base/api/v1/items/")
  local rss
  rss=$(peak_rss_mib $pid)
  kill -TERM $pid; wait $pid || true

  local cores hash_ms login_target
  cores=$(nproc)
  hash_ms=$(awk '{print $2}' <<<"$single") # p50 of one login at a time ~ one verification
  login_target=$(awk -v c="$cores" -v h="$hash_ms" 'BEGIN { printf "%.0f", 0.9 * c * 1000 / h }')
  row() { read -r rps p50 p99 non <<<"$2"; printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$1" "$rps" "$p50" "$p99" "$non" "$3"; }
  rows+=("$(row 'GET /api/v1/items/?limit=100' "$list" '>= 3000 req/s, p99 <= 50 ms')")
  rows+=("$(row 'POST /api/v1/items/' "$create" '>= 3000 req/s, p99 <= 50 ms')")
  rows+=("$(row 'GET /api/v1/users/me' "$me" '>= 6000 req/s, p99 <= 50 ms')")
  rows+=("$(row 'POST /api/v1/login/access-token' "$login" ">= $login_target req/s (90% of $cores cores / ${hash_ms} ms)")")
  rows+=("$(row 'GET /api/v1/items/ during logins' "$mixed" "p99 <= 2x the solo list p99 ($(awk '{print $3}' <<<"$list") ms)")")
  rows+=("| $name | peak RSS (MiB) / start-to-ready (ms) | $rss / $ready | | | | <= 50 MiB / < 100 ms (SQLite) |")
}

pg_db="hexstack_bench_$$"
psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $pg_db" >/dev/null
bench_store postgresql "${TEST_DATABASE_URL%/*}/$pg_db"
psql "$TEST_DATABASE_URL" -qc "DROP DATABASE $pg_db" >/dev/null
bench_store sqlite ""

table=$(
  echo "| store | scenario | req/s | p50 ms | p99 ms | non-2xx | target |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`scripts/bench.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),"
  echo "wrk with $connections connections and $threads threads for $duration s per scenario, server and load"
  echo "generator on the same machine, release build, one user owning 100 items."
  echo
  echo "$table"
  echo
  cat docs/benchmarks-notes.md
} > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
