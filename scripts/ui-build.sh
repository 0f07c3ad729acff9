#!/usr/bin/env bash
# Builds the SPA into ui/dist (served by `hexstack serve` through HEXSTACK_UI_DIR, or by nginx).
# VITE_API_URL, when set, selects the API origin; by default the SPA calls its own origin.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/ui-setup.sh" --no-chromium
cd "$ROOT/ui"
npm run build </dev/null
