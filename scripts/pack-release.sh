#!/usr/bin/env bash
# The release artifacts, in one place: build every package to dist/, pack the shipped workspaces
# into tarballs, and install tarballs into a prefix from nothing but the tarballs and the npm
# registry. The pack-and-install test (test/release/) and the coordinator image
# (deploy/docker/Dockerfile) both run exactly this script.
#
#   scripts/pack-release.sh pack OUT_DIR [--no-build]
#       npm run build (unless --no-build), then OUT_DIR/edgefleet-<package>-<version>.tgz for
#       every package (common, proto, firmware-hooks, agent, coordinator, client).
#   scripts/pack-release.sh install TARBALL_DIR PREFIX PROGRAM...
#       installs PROGRAM... (agent, coordinator, client) with the libraries they need (common,
#       proto, firmware-hooks), all from TARBALL_DIR's tarballs, into PREFIX/node_modules; the
#       launchers (edgefleet, edgefleet-agent, edgefleet-coordinator) end up in PREFIX/bin.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(common proto firmware-hooks agent coordinator client)
LIBRARIES=(common proto firmware-hooks)

die() { echo "pack-release: $*" >&2; exit 2; }

tarball() { # TARBALL_DIR PACKAGE -> the one tarball of that package
  local found=("$1"/edgefleet-"$2"-[0-9]*.tgz)
  [ -f "${found[0]}" ] || die "no tarball of @edgefleet/$2 in $1 (run: $0 pack $1)"
  [ "${#found[@]}" -eq 1 ] || die "several tarballs of @edgefleet/$2 in $1: ${found[*]}"
  echo "${found[0]}"
}

pack() {
  local out="${1:?usage: $0 pack OUT_DIR [--no-build]}"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  cd "$ROOT"
  # One build at a time in a checkout: two (the release tests run in parallel) would delete each
  # other's dist/ half way through.
  if command -v flock >/dev/null; then
    mkdir -p node_modules
    exec 9>node_modules/.pack-release.lock
    flock 9
  fi
  [ "${2:-}" = "--no-build" ] || npm run build
  local ws=()
  for p in "${PACKAGES[@]}"; do ws+=(--workspace "$p"); done
  npm pack "${ws[@]}" --pack-destination "$out" --silent >/dev/null
  ls "$out"/edgefleet-*.tgz
}

install_release() {
  local dir="${1:?usage: $0 install TARBALL_DIR PREFIX PROGRAM...}"
  local prefix="${2:?usage: $0 install TARBALL_DIR PREFIX PROGRAM...}"
  shift 2
  [ $# -gt 0 ] || die "name the programs to install: agent, coordinator, client"
  [ -d "$dir" ] || die "no tarball directory $dir"
  dir="$(cd "$dir" && pwd)"
  local tgz=()
  for p in "${LIBRARIES[@]}" "$@"; do
    case "$p" in agent | coordinator | client | common | proto | firmware-hooks) ;; *) die "unknown package $p" ;; esac
    tgz+=("$(tarball "$dir" "$p")")
  done
  mkdir -p "$prefix"
  cd "$prefix"
  [ -f package.json ] || echo '{ "name": "edgefleet-install", "private": true }' > package.json
  # onnxruntime-node's postinstall would download CUDA binaries from a feed sites cannot reach (its
  # CPU binaries ship in the package): skip it here and in any later npm run in this prefix, as the
  # repository's .npmrc does. A GPU site sets ONNXRUNTIME_NODE_INSTALL=cuda12 instead.
  echo 'onnxruntime-node-install=skip' > .npmrc
  ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}" \
    npm install --omit=dev --no-audit --no-fund --no-update-notifier --loglevel=error "${tgz[@]}"
  ln -sfn node_modules/.bin bin
}

case "${1:-}" in
  pack) shift; pack "$@" ;;
  install) shift; install_release "$@" ;;
  *) die "usage: $0 pack OUT_DIR [--no-build] | install TARBALL_DIR PREFIX PROGRAM..." ;;
esac
