#!/usr/bin/env bash
# Installs what `npm run dev` and `npm test` need and a fresh machine lacks:
# npm packages (which bring Node 24), and for browser tests Debian's Chromium.
# Synapse is installed by synapse/install.sh when the stack starts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies…"
  # `npm install`, not `npm ci`: the lockfile holds only the platform packages this
  # registry serves (no macOS/Windows builds of next's SWC), which `npm ci` rejects.
  npm install --no-audit --no-fund
fi
if [ "${1:-}" = "--browser" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium (Debian package) for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi
