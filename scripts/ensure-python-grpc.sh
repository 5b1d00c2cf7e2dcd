#!/usr/bin/env bash
# Installs Debian's grpcio and grpc_tools for the Python client test (test/inference/python-client.test.ts)
# when /usr/bin/python3 lacks them. Idempotent and quiet: prints nothing when both import already.
# Never fails the build: where apt-get is missing, cannot run (not root, no sudo) or cannot reach the
# archive, it says why and exits 0, and that test skips with the same reason.
set -uo pipefail
PY="${PYTHON_BIN:-/usr/bin/python3}"
have() { "$PY" -c 'import grpc, grpc_tools.protoc' >/dev/null 2>&1; }
if have; then
  exit 0
fi
skip() {
  echo "ensure-python-grpc: $1; the Python client test will skip (install python3-grpcio python3-grpc-tools to run it)" >&2
  exit 0
}
[ -x "$PY" ] || skip "$PY is missing"
command -v apt-get >/dev/null 2>&1 || skip "apt-get is not available on this machine"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    skip "this user cannot run apt-get (run as root: apt-get install -y python3-grpcio python3-grpc-tools)"
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || skip "apt-get update failed (no network to the package archive?)"
$SUDO apt-get install -y -qq --no-install-recommends python3-grpcio python3-grpc-tools >/dev/null 2>&1 ||
  skip "apt-get install python3-grpcio python3-grpc-tools failed"
have || skip "apt-get finished but $PY still cannot import grpc and grpc_tools"
