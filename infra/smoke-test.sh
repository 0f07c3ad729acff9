#!/usr/bin/env bash
# Smoke test of a running hexstack deployment (compose, a server, or Kubernetes), over HTTP only:
#   - API: liveness answers `true`, readiness 200, OpenAPI document, the web app on the API's
#     origin, and /metrics not reachable from outside;
#   - dashboard (optional): the web app and its client-side routes (SPA fallback);
#   - login (optional): the first superuser gets a token and /users/me says superuser.
# Retries the first request for up to --wait seconds, so it can run right after a deploy.
#
# Usage: infra/smoke-test.sh --api URL [--dashboard URL] [--user EMAIL --password PASSWORD]
#                            [--resolve-to IP] [--wait SECONDS] [--insecure]
#   --resolve-to IP   connect to IP whatever the URLs' host names resolve to (test Traefik or an
#                     ingress by host name before DNS is set up, e.g. 127.0.0.1)
# The password can also come from the SMOKE_PASSWORD environment variable.
set -euo pipefail

API="" DASHBOARD="" USER_EMAIL="" PASSWORD="${SMOKE_PASSWORD:-}" RESOLVE_TO="" WAIT=120
CURL_OPTS=(--silent --show-error --max-time 15)
while [ $# -gt 0 ]; do
  case "$1" in
    --api) API="${2%/}"; shift 2 ;;
    --dashboard) DASHBOARD="${2%/}"; shift 2 ;;
    --user) USER_EMAIL="$2"; shift 2 ;;
    --password) PASSWORD="$2"; shift 2 ;;
    --resolve-to) RESOLVE_TO="$2"; shift 2 ;;
    --wait) WAIT="$2"; shift 2 ;;
    --insecure) CURL_OPTS+=(--insecure); shift ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "smoke-test: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$API" ] || { echo "smoke-test: --api URL is required" >&2; exit 2; }

BODY="$(mktemp)"
trap 'rm -f "$BODY"' EXIT
STATUS=""
FAILED=0

# request METHOD URL [curl args...]: sets STATUS, writes the body to $BODY.
request() {
  local method="$1" url="$2"
  shift 2
  local resolve=()
  if [ -n "$RESOLVE_TO" ]; then
    local scheme="${url%%://*}" rest="${url#*://}"
    local hostport="${rest%%/*}"
    local host="${hostport%%:*}" port
    if [ "$hostport" != "$host" ]; then port="${hostport##*:}"
    elif [ "$scheme" = https ]; then port=443
    else port=80
    fi
    resolve=(--resolve "$host:$port:$RESOLVE_TO")
  fi
  STATUS="$(curl "${CURL_OPTS[@]}" "${resolve[@]}" -X "$method" -o "$BODY" -w '%{http_code}' "$@" "$url" || echo 000)"
}

pass() { echo "ok    $*"; }
fail() { echo "FAIL  $*" >&2; FAILED=1; }

expect() { # expect DESCRIPTION STATUS [grep -E pattern for the body]
  local what="$1" want="$2" pattern="${3:-}"
  if [ "$STATUS" != "$want" ]; then
    fail "$what: HTTP $STATUS, expected $want ($(head -c 200 "$BODY"))"
  elif [ -n "$pattern" ] && ! grep -Eq "$pattern" "$BODY"; then
    fail "$what: body does not match /$pattern/: $(head -c 200 "$BODY")"
  else
    pass "$what"
  fi
}

# ------------------------------------------------------------------------------ wait for the API
deadline=$((SECONDS + WAIT))
until request GET "$API/api/v1/utils/health-check/" && [ "$STATUS" = 200 ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "API at $API did not become live within ${WAIT}s (last HTTP $STATUS)"
    exit 1
  fi
  sleep 3
done

# -------------------------------------------------------------------------------------------- API
request GET "$API/api/v1/utils/health-check/"
expect "liveness  $API/api/v1/utils/health-check/" 200 '^true$'
request GET "$API/readyz"
expect "readiness $API/readyz (database reachable)" 200
request GET "$API/api/v1/openapi.json"
expect "OpenAPI   $API/api/v1/openapi.json" 200 '"openapi" *: *"3\.'
request GET "$API/"
expect "web app   $API/ (same origin as the API)" 200 '<div id="root"|<!doctype html|<!DOCTYPE html'
request GET "$API/metrics"
if [ "$STATUS" = 200 ]; then
  fail "metrics   $API/metrics is publicly reachable (HTTP 200)"
else
  pass "metrics   $API/metrics not public (HTTP $STATUS)"
fi

# -------------------------------------------------------------------------------------- dashboard
if [ -n "$DASHBOARD" ]; then
  request GET "$DASHBOARD/"
  expect "dashboard $DASHBOARD/" 200 '<div id="root"|<!doctype html|<!DOCTYPE html'
  request GET "$DASHBOARD/login"
  expect "dashboard $DASHBOARD/login (SPA fallback)" 200 '<div id="root"|<!doctype html|<!DOCTYPE html'
fi

# ------------------------------------------------------------------------------------------ login
if [ -n "$USER_EMAIL" ] && [ -n "$PASSWORD" ]; then
  request POST "$API/api/v1/login/access-token" \
    --data-urlencode "username=$USER_EMAIL" --data-urlencode "password=$PASSWORD"
  expect "login     $USER_EMAIL" 200 '"access_token"'
  token="$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' "$BODY")"
  if [ -n "$token" ]; then
    request GET "$API/api/v1/users/me" -H "Authorization: Bearer $token"
    expect "users/me  is the first superuser" 200 '"is_superuser" *: *true'
  fi
fi

if [ "$FAILED" != 0 ]; then
  echo "smoke-test: FAILED" >&2
  exit 1
fi
echo "smoke-test: all checks passed"
