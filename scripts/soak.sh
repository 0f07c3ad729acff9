#!/usr/bin/env bash
# Soak test (documented in docs/benchmarks-notes.md, not part of CI): measures the peak req/s of
# the mixed scenario (bench/mixed.lua: item lists, users/me, item creation) for 10 s, then runs
# MINUTES minutes at half of it, and prints per minute: req/s, errors (non-2xx and socket
# errors), p99 and the server's RSS, then whether RSS stayed flat (last minute within 10 % of
# the first). Release build, on PostgreSQL by default (STORE=sqlite for the embedded store).
# The server starts outside the checkout with a clean environment (no developer's .env).
#   MINUTES=30 CONNECTIONS=32 scripts/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
minutes="${MINUTES:-10}"
connections="${CONNECTIONS:-32}"
store="${STORE:-postgres}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [[ "$store" == postgres ]] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
cargo build --release --locked --bin hexstack
work=$(mktemp -d)
db="hexstack_soak_$$"
url=""
if [[ "$store" == postgres ]]; then
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
  url="${TEST_DATABASE_URL%/*}/$db"
fi
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  if [[ -n "$url" ]]; then psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
bin="$PWD/target/release/hexstack"
mkdir -p "$work/data"
cd "$work"
env -i PATH="$PATH" HOME="$work" RUST_LOG=warn \
  SECRET_KEY=soak-secret-of-at-least-32-bytes-long FIRST_SUPERUSER=admin@example.com \
  FIRST_SUPERUSER_PASSWORD=admin-password DATABASE_URL="$url" \
  "$bin" --data-dir "$work/data" serve --port "$port" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do curl -fs "$base/api/v1/utils/health-check/" >/dev/null && break; sleep 0.05; done
curl -fs -X POST "$base/api/v1/users/signup" -H 'content-type: application/json' \
  -d '{"email":"soak@example.com","password":"soak-password-1"}' >/dev/null
TOKEN=$(curl -fs -X POST "$base/api/v1/login/access-token" -d 'username=soak@example.com&password=soak-password-1' \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
export TOKEN

# "req/s errors p99_ms mean_ms" from one wrk run.
run() { # seconds
  local out
  out=$(wrk -t2 -c"$connections" -d"$1"s --latency -s "$root/bench/mixed.lua" "$base")
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    /^ +Latency +[0-9]/ { mean=ms($2) }
    /^ +99%/ { p99=ms($2) }
    /Non-2xx/ { err+=$NF }
    /Socket errors/ { gsub(",", ""); err+=$4+$6+$8+$10 }
    END { printf "%.0f %d %.2f %.2f\n", rps, err+0, p99, mean }' <<<"$out"
}
rss_mib() { awk '/VmRSS/ { printf "%.1f", $2/1024 }' "/proc/$pid/status" 2>/dev/null || echo "gone"; }

read -r peak _ _ peak_mean <<<"$(DELAY_MS=0 run 10)"
# Each connection waits so that all of them together send half the peak rate.
delay=$(awk -v c="$connections" -v p="$peak" -v m="$peak_mean" 'BEGIN { d = c * 2000 / p - m; printf "%d", (d < 0 ? 0 : d) }')
echo "peak $peak req/s; soaking at about $((peak / 2)) req/s ($connections connections, ${delay} ms between requests) for $minutes min on $store"
echo "| minute | req/s | errors | p99 ms | RSS MiB |"
echo "|---|---|---|---|---|"
first_rss="" last_rss="" total_errors=0
for minute in $(seq 1 "$minutes"); do
  read -r rps errors p99 mean <<<"$(DELAY_MS=$delay run 60)"
  # Steer the pause towards half the peak for the next minute.
  delay=$(awk -v d="$delay" -v m="$mean" -v r="$rps" -v t="$((peak / 2))" \
    'BEGIN { n = (d + m) * r / t - m; printf "%d", (n < 0 ? 0 : n) }')
  last_rss=$(rss_mib)
  if [[ "$last_rss" == gone ]]; then
    echo "the server died in minute $minute; its log:" >&2
    tail -20 "$work/server.log" >&2
    exit 1
  fi
  [[ -z "$first_rss" ]] && first_rss=$last_rss
  total_errors=$((total_errors + errors))
  echo "| $minute | $rps | $errors | $p99 | $last_rss |"
done
flat=$(awk -v a="$first_rss" -v b="$last_rss" 'BEGIN { print (b <= a * 1.1 ? "flat" : "growing") }')
echo "errors: $total_errors; RSS $first_rss -> $last_rss MiB ($flat)"
