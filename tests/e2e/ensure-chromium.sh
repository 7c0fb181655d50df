#!/usr/bin/env bash
# Make sure the e2e tests can run: Debian's Chromium (never a downloaded browser) and a build.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: /usr/bin/chromium missing, installing Debian's chromium package" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  else
    echo "ensure-chromium: /usr/bin/chromium is missing. Install Debian's chromium package (as root: apt-get install -y chromium); the e2e tests do not download a browser." >&2
    exit 1
  fi
fi

if [ ! -f build/server/index.js ]; then
  echo "ensure-chromium: build/server/index.js missing, running npm run build" >&2
  npm run build
fi
