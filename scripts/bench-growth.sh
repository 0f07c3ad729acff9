#!/usr/bin/env bash
# Cost as data grows (`scripts/bench.sh --growth`): seeds PostgreSQL in bulk with SQL
# (generate_series, not the API) to 10^3, 10^4, 10^5 and 10^6 items over 10^4 users, and at each
# size measures with wrk (32 connections, DURATION s each, release build): a normal user's first
# page (the user owns 100 items at every size), a superuser's first page, a superuser's page at
# skip=500000, the users list and login. Prints the table and writes docs/growth.md with the
# chart docs/growth.svg (p99 per size, log scale).
#   DURATION=5 SIZES="1000 10000 100000 1000000" scripts/bench-growth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration="${DURATION:-5}"
connections="${CONNECTIONS:-32}"
sizes="${SIZES:-1000 10000 100000 1000000}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
cargo build --release --locked --bin hexstack
work=$(mktemp -d)
db="hexstack_growth_$$"
psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
url="${TEST_DATABASE_URL%/*}/$db"
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
sql() { psql "$url" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
env -i PATH="$PATH" HOME="$HOME" RUST_LOG=warn RATE_LIMITS_ENABLED=false \
  SECRET_KEY=growth-secret-of-at-least-32-bytes-long FIRST_SUPERUSER=admin@example.com \
  FIRST_SUPERUSER_PASSWORD=admin-password DATABASE_URL="$url" MAX_PAGE_SIZE=1000 \
  "$root/target/release/hexstack" --data-dir "$work/data" serve --port "$port" >"$work/server.log" 2>&1 &
for _ in $(seq 1 200); do curl -fs "$base/api/v1/utils/health-check/" >/dev/null && break; sleep 0.05; done

token() { curl -fs -X POST "$base/api/v1/login/access-token" -d "username=$1&password=$2" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
curl -fs -X POST "$base/api/v1/users/signup" -H 'content-type: application/json' \
  -d '{"email":"growth@example.com","password":"growth-password"}' >/dev/null
user_token=$(token growth@example.com growth-password)
admin_token=$(token admin@example.com admin-password)

# 10^4 users in all, sharing the bench user's hash (their logins are not measured).
sql "INSERT INTO \"user\" (email, is_active, is_superuser, full_name, hashed_password, id, created_at)
     SELECT 'seed' || g || '@example.com', true, false, 'Seed ' || g,
            (SELECT hashed_password FROM \"user\" WHERE email = 'growth@example.com'),
            gen_random_uuid(), now() - g * interval '1 second'
     FROM generate_series(1, 9998) g"
# The bench user's 100 items, older than every seeded one: its first page is the same at every size.
sql "INSERT INTO item (description, title, id, owner_id, created_at)
     SELECT 'seeded', 'own item ' || g, gen_random_uuid(),
            (SELECT id FROM \"user\" WHERE email = 'growth@example.com'), now() - interval '1 day' - g * interval '1 ms'
     FROM generate_series(1, 100) g"

# "req/s p50 p99 non2xx" of one scenario.
measure() { # lua url token
  local out
  out=$(TOKEN="$3" EMAIL=growth@example.com PASSWORD=growth-password \
    wrk -t2 -c"$connections" -d"${duration}"s --latency -s "bench/$1" "$2")
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 } /^ +50%/ { p50=ms($2) } /^ +99%/ { p99=ms($2) } /Non-2xx/ { non=$NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, non+0 }' <<<"$out"
}

scenarios=("normal user's first page" "superuser's first page" "superuser's page at skip=500000" "users list" "login")
results="$work/results.tsv"
: >"$results"
have=100
for size in $sizes; do
  # Grow to `size` items spread over the seeded users, newest first.
  if (( size > have )); then
    sql "WITH owners AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM \"user\" WHERE email LIKE 'seed%')
         INSERT INTO item (description, title, id, owner_id, created_at)
         SELECT 'seeded', 'item ' || g, gen_random_uuid(), owners.id, now() - g * interval '1 ms'
         FROM generate_series($have + 1, $size) g JOIN owners ON owners.n = g % 9998 + 1"
    have=$size
  fi
  # The trigger rewrote item_count's rows once per seeded item; VACUUM FULL gives the table the
  # size autovacuum keeps it at when items come one by one, not the bulk load's bloat.
  sql "VACUUM ANALYZE item"
  sql "VACUUM FULL ANALYZE item_count"
  sql 'VACUUM ANALYZE "user"'
  rows=(
    "$(measure auth.lua "$base/api/v1/items/?skip=0&limit=100" "$user_token")"
    "$(measure auth.lua "$base/api/v1/items/?skip=0&limit=100" "$admin_token")"
    "$(measure auth.lua "$base/api/v1/items/?skip=500000&limit=100" "$admin_token")"
    "$(measure auth.lua "$base/api/v1/users/?skip=0&limit=100" "$admin_token")"
    "$(measure login.lua "$base/api/v1/login/access-token" "")"
  )
  for i in "${!scenarios[@]}"; do
    printf '%s\t%s\t%s\n' "$size" "${scenarios[$i]}" "${rows[$i]}" >>"$results"
  done
done

table=$(
  echo "| items | scenario | req/s | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|"
  awk -F'\t' '{ split($3, f, " "); printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, f[1], f[2], f[3], f[4] }' "$results"
)
echo "$table"
python3 scripts/growth_chart.py "$results" docs/growth.svg
{
  echo "# Cost as data grows"
  echo
  echo "Measured by \`scripts/bench.sh --growth\` on $(date -u +%Y-%m-%d): $(nproc) cores, PostgreSQL,"
  echo "10^4 users, wrk with $connections connections for $duration s per scenario, release build."
  echo "The normal user owns 100 items at every size."
  echo
  echo "![p99 latency per size](growth.svg)"
  echo
  echo "$table"
  echo
  cat docs/growth-notes.md
} >docs/growth.md
echo "wrote docs/growth.md and docs/growth.svg"
