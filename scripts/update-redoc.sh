#!/usr/bin/env bash
# Replaces the vendored ReDoc bundle (crates/adapters-http/assets/redoc) with the given version
# of the npm package `redoc`, e.g. `scripts/update-redoc.sh 2.5.4`.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: scripts/update-redoc.sh <redoc version>}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "redoc@$version" >/dev/null && tar xzf redoc-*.tgz)
dest=crates/adapters-http/assets/redoc
gzip -9 -n -c "$work/package/bundles/redoc.standalone.js" > "$dest/redoc.standalone.js.gz"
cp "$work/package/LICENSE" "$dest/LICENSE"
cp "$work/package/bundles/redoc.standalone.js.LICENSE.txt" "$dest/THIRD-PARTY-LICENSES.txt"
sed -i "s/\`redoc\`](https:\/\/www.npmjs.com\/package\/redoc) [0-9][^ ]*/\`redoc\`](https:\/\/www.npmjs.com\/package\/redoc) $version/" "$dest/README.md"
sed -i "s/const REDOC_VERSION: &str = \"[^\"]*\"/const REDOC_VERSION: \&str = \"$version\"/" crates/adapters-http/src/docs.rs
echo "vendored redoc $version into $dest"
