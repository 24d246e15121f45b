#!/usr/bin/env bash
# System packages the tests drive: Debian's Chromium (browser tests; never a downloaded browser build), tmux (the
# dashboard's end-to-end test) and redis-server (the BullMQ queue tests start their own on a free port). Installs
# whatever is missing, once; a no-op when all are present.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v tmux >/dev/null || missing+=(tmux)
command -v redis-server >/dev/null || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the tests (chromium takes about 2–3 minutes)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The tests need: ${missing[*]}. Install them with 'sudo apt-get install -y ${missing[*]}' (Debian/Ubuntu)." >&2
  exit 1
fi
