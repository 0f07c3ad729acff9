#!/usr/bin/env bash
# hexstack beside the original FastAPI template and beside its own ceiling, in one run on this
# machine and one PostgreSQL (docs/benchmarks.md, "Against the original and the ceiling").
# Per round and scenario, back to back: the original (uvicorn, 4 workers), hexstack on PostgreSQL
# with the original's hash parameters (PASSWORD_HASH_PARAMS=m=65536,t=3,p=4; sessions and rate
# limits on, as deployed), both through ../shared/peer-bench/bench/run_bench.sh (wrk: items
# list, create, users/me, login), then the ceiling program (crates/bench-ceiling) on hexstack's
# database with the same wrk scenario. Prints each run's table, then ratios and the targets.
#   TEMPLATE_GIT=<git dir of fastapi/full-stack-fastapi-template> scripts/bench.sh --peer
#   ROUNDS=2 DURATION=10 CONNECTIONS=32 PEER_WORKERS=4 PEER_BENCH=../shared/peer-bench
#   PEER_DATABASE_URL (default: role and database peer_app, created when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
: "${TEMPLATE_GIT:?set TEMPLATE_GIT to the git directory of fastapi/full-stack-fastapi-template}"
peer_bench=$(cd "${PEER_BENCH:-$root/../shared/peer-bench}" && pwd)
bench="$peer_bench/bench"
rounds=${ROUNDS:-2}
workers=${PEER_WORKERS:-4}
export DURATION=${DURATION:-10} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2} WARMUP=${WARMUP:-2}
hash_params=${HASH_PARAMS:-m=65536,t=3,p=4}
peer_db=${PEER_DATABASE_URL:-postgresql://peer_app:peer_app_pw@127.0.0.1:5432/peer_app}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
if [[ -z ${PEER_DATABASE_URL:-} ]] && ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'peer_app'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -qc "CREATE ROLE peer_app LOGIN PASSWORD 'peer_app_pw'" -c 'CREATE DATABASE peer_app OWNER peer_app'
fi
cargo build --release --locked --bin hexstack --bin hexstack-ceiling
. "$peer_bench/hexstack.sh"
work=$(mktemp -d)
results="${RESULTS_JSON:-$work/rows.jsonl}"
export RESULTS_JSON=$results
trap 'kill $(jobs -p) 2>/dev/null || true; PORT=18000 SCRATCH=/tmp/peer bash "$peer_bench/peer/stop.sh" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
report() { python3 scripts/bench_peer_report.py "$@"; }

# One of the ceiling's wrk runs, as run_bench.sh runs them: warm-up, wait until idle, measure
# with RSS.
ceiling_run() { # scenario base pid label
  local token=$CEILING_TOKEN out sampler
  [[ $1 == items_create ]] && token=$CEILING_CREATE_TOKEN
  (cd "$bench/lua" && BENCH_TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s "$1.lua" "$2" >/dev/null 2>&1) || true
  python3 "$bench/wait_idle.py" "$3" 60 >/dev/null || true
  python3 "$bench/rss_sampler.py" "$3" "$((DURATION + 60))" "$work/rss.json" 0.05 &
  sampler=$!
  out=$(cd "$bench/lua" && BENCH_TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s "$1.lua" "$2" 2>&1) || true
  kill -TERM $sampler; wait $sampler || true
  report row "$4" "$1" "$(sed -n 's/^BENCH_JSON //p' <<<"$out" | tail -n 1)" "$work/rss.json"
}

# CPU time (ms) of one login on the server, over sequential logins: one hash and its request.
login_cpu_ms() { # base pid email password
  local before after n=${LOGINS:-20}
  before=$(awk '{print $14 + $15}' "/proc/$2/stat")
  for _ in $(seq 1 "$n"); do
    curl -fs -o /dev/null -X POST "$1/api/v1/login/access-token" --data-urlencode "username=$3" --data-urlencode "password=$4"
  done
  after=$(awk '{print $14 + $15}' "/proc/$2/stat")
  awk -v d=$((after - before)) -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", d * 1000 / hz / n }'
}

# All three servers stay up through a round (idle ones cost nothing measurable) and each scenario
# runs on the three back to back, so that the machine's drift, which moves figures by 20 % and
# more within minutes, hits the three alike.
for round in $(seq 1 "$rounds"); do
  DATABASE_URL="$peer_db" PORT=18000 SCRATCH=/tmp/peer WORKERS="$workers" PEER_SMTP=none \
    bash "$peer_bench/peer/start_fastapi_template.sh" > "$work/peer-start.log" 2>&1 \
    || { cat "$work/peer-start.log" >&2; exit 1; }
  ppid=$(tail -n 1 "$work/peer-start.log")
  db=$(fresh_pg_db); port=$(free_port); base="http://127.0.0.1:$port"
  hpid=$(hexstack_start target/release/hexstack "$port" DATABASE_URL="$db" PASSWORD_HASH_PARAMS="$hash_params")
  # The ceiling's users, made by hexstack on the database they share.
  eval "$(python3 "$bench/bench_setup.py" setup "$base")"
  CEILING_TOKEN=$BENCH_TOKEN CEILING_CREATE_TOKEN=$BENCH_CREATE_TOKEN
  cport=$(free_port); cbase="http://127.0.0.1:$cport"
  env -i PATH="$PATH" DATABASE_URL="$db" SECRET_KEY="bench-secret-key-0123456789abcdef" \
    target/release/hexstack-ceiling "127.0.0.1:$cport" > "$work/ceiling.log" 2>&1 &
  cpid=$!
  for _ in $(seq 1 100); do curl -fs "$cbase/api/v1/utils/health-check/" >/dev/null && break; sleep 0.1; done
  # The ceiling must answer what hexstack answers, byte for byte, or it measures something else.
  for path in /api/v1/users/me "/api/v1/items/?skip=0&limit=100"; do
    cmp -s <(curl -fs -H "authorization: Bearer $CEILING_TOKEN" "$base$path") \
      <(curl -fs -H "authorization: Bearer $CEILING_TOKEN" "$cbase$path") \
      || { echo "the ceiling's answer to $path differs from hexstack's" >&2; exit 1; }
  done
  for scenario in items_list items_create users_me login; do
    SCENARIOS=$scenario API_BASE=http://127.0.0.1:18000 SERVER_PID="$ppid" LABEL="original $round" bash "$bench/run_bench.sh"
    SCENARIOS=$scenario API_BASE=$base SERVER_PID="$hpid" LABEL="hexstack $round" bash "$bench/run_bench.sh"
    [[ $scenario == login ]] || ceiling_run "$scenario" "$cbase" "$cpid" "ceiling $round"
  done
  report login "hexstack $round" "$(login_cpu_ms "$base" "$hpid" "$BENCH_EMAIL" "$BENCH_PASSWORD")"
  kill "$hpid" "$cpid"; wait "$hpid" "$cpid" 2>/dev/null || true
  PORT=18000 SCRATCH=/tmp/peer bash "$peer_bench/peer/stop.sh" >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db##*/}" >/dev/null 2>&1 || true
  sleep 3
done

peer_python=$(ls -d /tmp/peer/venv-*/bin/python 2>/dev/null | head -n 1)
if [[ -n $peer_python ]] && "$peer_python" -c 'import argon2' 2>/dev/null; then
  report argon2 "$("$peer_python" "$bench/argon2_ceiling.py" 10)"
fi
report summary "$results" "$(nproc)"
