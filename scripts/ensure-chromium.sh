#!/usr/bin/env bash
# Browser tests drive Debian's chromium. Install it when missing and we may.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
The browser tests need Debian's chromium, which is not installed.
Install it with:  sudo apt-get install chromium
or set CHROMIUM_PATH to a Chromium binary, then run make test again.
MSG
exit 1
