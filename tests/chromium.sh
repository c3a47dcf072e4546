#!/usr/bin/env bash
# Installs Debian's Chromium (if missing) for the browser tests, which drive it through Playwright.
# Sourced by tests/run; safe to run again on a machine that has it.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "tests/chromium.sh: installing Chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
echo "tests/chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium present')"
