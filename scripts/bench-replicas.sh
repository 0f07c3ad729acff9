#!/usr/bin/env bash
# Replicas behind a real proxy: req/s of one hexstack process direct, one behind HAProxy and two
# behind HAProxy (round robin), all on one PostgreSQL, with wrk on users/me and the items list.
# Writes docs/replicas.md. Installs wrk and HAProxy from Debian's packages when missing.
#   DURATION=10 CONNECTIONS=32 scripts/bench.sh --replicas
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration="${DURATION:-10}"
connections="${CONNECTIONS:-32}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export PATH="$PATH:/usr/sbin"

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl
need haproxy haproxy
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
cargo build --release --locked --bin hexstack
bin="$root/target/release/hexstack"
work=$(mktemp -d)
db="hexstack_replicas_$$"
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
url="${TEST_DATABASE_URL%/*}/$db"
common=(PATH="$PATH" HOME="$HOME" LOG_FORMAT=json RUST_LOG=warn
  SECRET_KEY=benchmark-secret-of-at-least-32-bytes FIRST_SUPERUSER=admin@example.com
  FIRST_SUPERUSER_PASSWORD=admin-password DATABASE_URL="$url" TRUSTED_PROXIES=127.0.0.1
  RATE_LIMITS_ENABLED=false DATABASE_POOL_MAX_CONNECTIONS="${POOL:-16}")
env -i "${common[@]}" "$bin" --data-dir "$work/prestart" prestart >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 200); do curl -fs "$1/api/v1/utils/health-check/" >/dev/null && return; sleep 0.05; done; echo "bench-replicas: $1 did not come up" >&2; exit 1; }
replica() { # name -> prints its port; the process runs in the background
  local port; port=$(free_port)
  env -i "${common[@]}" "$bin" --data-dir "$work/$1" serve --port "$port" > "$work/$1.log" 2>&1 &
  echo "$port"
}
proxy() { # port backend-port...
  local port=$1; shift
  {
    printf 'global\n  maxconn 4096\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n  option forwardfor\n  option http-keep-alive\n'
    printf 'frontend web\n  bind 127.0.0.1:%s\n  default_backend replicas\nbackend replicas\n  balance roundrobin\n' "$port"
    local n=0; for backend in "$@"; do n=$((n + 1)); printf '  server r%s 127.0.0.1:%s\n' "$n" "$backend"; done
  } > "$work/haproxy-$port.cfg"
  haproxy -db -f "$work/haproxy-$port.cfg" > "$work/haproxy-$port.log" 2>&1 &
}
wrk_run() { # url -> "req/s p99 non2xx"
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration"s --latency -s bench/auth.lua "$1")
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    /^ +99%/ { p99=ms($2) }
    /Non-2xx/ { non=$NF }
    END { printf "%.0f %.2f %d\n", rps, p99, non+0 }' <<<"$out"
}

a=$(replica a); b=$(replica b)
wait_up "http://127.0.0.1:$a"; wait_up "http://127.0.0.1:$b"
one=$(free_port); two=$(free_port)
proxy "$one" "$a"
proxy "$two" "$a" "$b"
wait_up "http://127.0.0.1:$one"; wait_up "http://127.0.0.1:$two"

base="http://127.0.0.1:$a"
email=bench@example.com password=bench-password-1
curl -fs -X POST "$base/api/v1/users/signup" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
TOKEN=$(curl -fs -X POST "$base/api/v1/login/access-token" -d "username=$email&password=$password" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
export TOKEN
for i in $(seq 1 100); do
  curl -fs -X POST "$base/api/v1/items/" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"title\":\"item $i\"}" >/dev/null
done

rows=()
for scenario in "/api/v1/users/me" "/api/v1/items/?skip=0&limit=100"; do
  for setup in "one replica, direct|$a" "one replica behind HAProxy|$one" "two replicas behind HAProxy|$two"; do
    read -r rps p99 non <<<"$(wrk_run "http://127.0.0.1:${setup#*|}$scenario")"
    rows+=("| GET ${scenario%%\?*} | ${setup%|*} | $rps | $p99 | $non |")
  done
done
table=$(
  echo "| scenario | setup | req/s | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"
{
  echo "# Replicas behind a proxy"
  echo
  echo "Measured by \`scripts/bench.sh --replicas\` on $(date -u +%Y-%m-%d): $(nproc) cores, wrk with $connections"
  echo "connections for $duration s per row, release build, one PostgreSQL, HAProxy $(haproxy -v | awk 'NR==1 {print $3}')"
  echo "round robin with keep-alive; replicas, proxy, database and wrk share the machine."
  echo
  echo "$table"
  echo
  cat docs/replicas-notes.md
} > docs/replicas.md
echo "wrote docs/replicas.md"
