#!/usr/bin/env bash
# Installs Debian's Chromium for the NOC browser test when it is missing. Idempotent and quiet:
# prints nothing when /usr/bin/chromium already exists. Needs root (or sudo) for apt-get.
set -euo pipefail
BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ -x "$BIN" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: $BIN is missing and this user cannot run apt-get (run as root: apt-get install -y chromium)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$BIN" ]; then
  echo "ensure-chromium: apt-get finished but $BIN is still missing" >&2
  exit 1
fi
