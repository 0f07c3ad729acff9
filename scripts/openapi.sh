#!/usr/bin/env bash
# Regenerates the committed OpenAPI document (ui/openapi.json) from the server's code, and the
# web app's API client from it. The system tests fail when the committed document is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --locked --bin hexstack -- openapi > ui/openapi.json.tmp
mv ui/openapi.json.tmp ui/openapi.json
echo "wrote ui/openapi.json"
if [ -d ui/node_modules ]; then (cd ui && npm run --silent generate-client); fi
