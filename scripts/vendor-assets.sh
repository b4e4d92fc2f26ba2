#!/usr/bin/env bash
# Browser libraries from npm (package.json, pinned by package-lock.json), copied into static/vendor/ so the portal
# serves them itself: no CDN, works offline. Called by setup.sh; re-run only when the lock file changes.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  rm -f node_modules/.installed-* && touch "$stamp"
fi

# Only the files pages load (and the licence next to each), never the whole node_modules.
copy() {  # copy <package> <file inside the package>...
  local pkg="$1"; shift
  mkdir -p "static/vendor/$pkg"
  for f in "$@"; do cp "node_modules/$pkg/$f" "static/vendor/$pkg/"; done
  for lic in LICENSE LICENSE.md LICENSE.txt; do
    [ -f "node_modules/$pkg/$lic" ] && cp "node_modules/$pkg/$lic" "static/vendor/$pkg/" || true
  done
}
copy chart.js dist/chart.umd.min.js
copy world-atlas land-110m.json land-50m.json countries-110m.json
copy topojson-client dist/topojson-client.min.js
copy axe-core axe.min.js  # accessibility checks run inside the Chromium tests
