#!/usr/bin/env bash
# Runs the whole product from a fresh clone: builds the web app and the server, then serves the
# API, the app and the API docs at one address on the embedded SQLite store (in ./data), in
# development mode (generated secret, first superuser with a printed password, emails written to
# ./data/outbox). Any setting can be overridden by the environment or a .env file.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ui-build.sh
profile="${HEXSTACK_PROFILE:-dev}"
cargo build --locked --profile "$profile" --bin hexstack
target_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")

export FASTAPI_ENV="${FASTAPI_ENV:-development}"
export HEXSTACK_UI_DIR="${HEXSTACK_UI_DIR:-$PWD/ui/dist}"
export FRONTEND_HOST="${FRONTEND_HOST:-http://127.0.0.1:${PORT:-8000}}"
exec "target/$target_dir/hexstack" serve "$@"
