#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download at install or run time). Installs it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (about 2–3 minutes)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install -y chromium' (Debian/Ubuntu)." >&2
  exit 1
fi
