#!/usr/bin/env bash
# Installs Debian's Chromium (if missing) for the browser tests, which drive it through Playwright,
# and Node.js with npm, which build the pages' front-end assets and bring the axe-core checker.
# Sourced by tests/run; safe to run again on a machine that has it.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "tests/chromium.sh: installing Chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "tests/chromium.sh: installing Node.js and npm"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi
echo "tests/chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium present')"
