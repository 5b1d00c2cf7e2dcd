#!/usr/bin/env bash
# Installs the edgefleet agent on an edge site: user, directories (0700), the package, enrollment
# with a one-time code from the NOC, `doctor`, and the systemd unit. Idempotent: re-running it
# skips what is done (it never re-enrolls a site that has credentials).
#
#   sudo deploy/install-site.sh --coordinator https://noc.example.net --code EF-XXXX-XXXX-XXXX-XXXX \
#        --name "Munich Edge 1" --lat 48.14 --lon 11.58 [--region eu-central] [--release DIR | --package SPEC]
#   --release DIR: the release tarballs (scripts/pack-release.sh pack DIR), installed into /opt/edgefleet
#   --package SPEC: else `npm install --global SPEC` from a registry (default @edgefleet/agent)
#
# EDGEFLEET_ROOT=/some/dir puts every path it writes under that directory (var/lib/edgefleet-agent,
# etc/edgefleet, etc/systemd/system, opt/edgefleet, usr/bin) and runs without root: no user is
# created, commands run as the caller, and systemd is not told (the unit is written, with its paths
# moved under the root, for `systemd-analyze verify` and to be started as written). For tests and
# image builds; a site installs with it unset.
set -euo pipefail

COORDINATOR="" CODE="" NAME="" LAT="" LON="" REGION="" PACKAGE="@edgefleet/agent" RELEASE=""
ROOT="${EDGEFLEET_ROOT:-}"
DATA_DIR="$ROOT/var/lib/edgefleet-agent"
CONF_DIR="$ROOT/etc/edgefleet"
UNIT_DIR="$ROOT/etc/systemd/system"
PREFIX="$ROOT/opt/edgefleet"
BIN_DIR="$ROOT/usr/bin"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
UNIT_SRC="$HERE/systemd/edgefleet-agent.service"
PACK_RELEASE="$HERE/../scripts/pack-release.sh"
SVC_USER=edgefleet

die() { echo "install-site: $*" >&2; exit 1; }
step() { echo "==> $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --coordinator) COORDINATOR="${2:?}"; shift 2 ;;
    --code) CODE="${2:?}"; shift 2 ;;
    --name) NAME="${2:?}"; shift 2 ;;
    --lat) LAT="${2:?}"; shift 2 ;;
    --lon) LON="${2:?}"; shift 2 ;;
    --region) REGION="${2:?}"; shift 2 ;;
    --package) PACKAGE="${2:?}"; shift 2 ;;
    --release) RELEASE="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

[ -n "$ROOT" ] || [ "$(id -u)" -eq 0 ] || die "run as root (it creates a user and installs a systemd unit)"
command -v node >/dev/null || die "Node.js 20.19+ is required (apt-get install nodejs, or NodeSource)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || die "Node.js $(node -v) is too old; need 20.19+"
[ -f "$UNIT_SRC" ] || die "unit file $UNIT_SRC is missing (run from a checkout or the release tarball)"

if [ -n "$ROOT" ]; then
  step "staged under $ROOT as $(id -un): no user, no systemd"
  as_agent() { "$@"; }
  install -d -m 0700 "$DATA_DIR"
  install -d -m 0750 "$CONF_DIR"
else
  step "user $SVC_USER"
  if ! id "$SVC_USER" >/dev/null 2>&1; then
    useradd --system --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SVC_USER"
  fi
  for g in video render; do getent group "$g" >/dev/null && usermod -aG "$g" "$SVC_USER"; done
  as_agent() { runuser -u "$SVC_USER" -- "$@"; }
  step "directories (0700)"
  install -d -m 0700 -o "$SVC_USER" -g "$SVC_USER" "$DATA_DIR"
  install -d -m 0750 -o root -g "$SVC_USER" "$CONF_DIR"
fi
# A real site's settings: the vendor tool found on this host (else hook none, no accelerators) and
# real inference (ONNX Runtime); never the simulated hook or backend (doctor fails those).
if [ ! -f "$CONF_DIR/agent.json" ]; then
  echo '{"hook": {"name": "auto"}, "backend": {"kind": "onnx"}}' > "$CONF_DIR/agent.json"
  chmod 0640 "$CONF_DIR/agent.json"
  [ -n "$ROOT" ] || chgrp "$SVC_USER" "$CONF_DIR/agent.json"
fi

if [ -n "$RELEASE" ]; then
  step "package: the release tarballs in $RELEASE into $PREFIX"
  [ -f "$PACK_RELEASE" ] || die "$PACK_RELEASE is missing (run from a checkout or the release bundle)"
  bash "$PACK_RELEASE" install "$RELEASE" "$PREFIX" agent
  install -d -m 0755 "$BIN_DIR"
  ln -sfn "$PREFIX/bin/edgefleet-agent" "$BIN_DIR/edgefleet-agent"
  AGENT_BIN="$BIN_DIR/edgefleet-agent"
else
  step "package $PACKAGE"
  if ! command -v edgefleet-agent >/dev/null; then
    npm install --global --omit=dev "$PACKAGE"
  fi
  AGENT_BIN="$(command -v edgefleet-agent)" || die "edgefleet-agent is not on PATH after installing $PACKAGE"
fi

if [ -f "$DATA_DIR/credentials.json" ]; then
  step "already enrolled ($DATA_DIR/credentials.json); skipping enrollment"
else
  [ -n "$COORDINATOR" ] && [ -n "$CODE" ] && [ -n "$NAME" ] && [ -n "$LAT" ] && [ -n "$LON" ] \
    || die "enrollment needs --coordinator, --code, --name, --lat and --lon"
  step "enroll with the one-time code"
  as_agent "$AGENT_BIN" enroll --coordinator "$COORDINATOR" --code "$CODE" --name "$NAME" --lat "$LAT" --lon "$LON" --region "$REGION" --data-dir "$DATA_DIR"
fi

step "doctor"
if ! as_agent "$AGENT_BIN" doctor --data-dir "$DATA_DIR" --config "$CONF_DIR/agent.json"; then
  die "doctor found problems (above, each with its fix); fix them and run this script again"
fi

step "systemd unit"
install -d -m 0755 "$UNIT_DIR"
UNIT="$UNIT_DIR/edgefleet-agent.service"
if [ -n "$ROOT" ]; then
  # Every path the unit names, moved under the root (the unit stays runnable and verifiable as written).
  sed -e "s#^ExecStart=/usr/bin/edgefleet-agent#ExecStart=$AGENT_BIN#" \
      -e "s#/var/lib/edgefleet-agent#$DATA_DIR#g" -e "s#/etc/edgefleet/#$CONF_DIR/#g" "$UNIT_SRC" > "$UNIT"
else
  sed "s#^ExecStart=/usr/bin/edgefleet-agent#ExecStart=$AGENT_BIN#" "$UNIT_SRC" > "$UNIT"
fi
chmod 0644 "$UNIT"
if [ -n "$ROOT" ]; then
  step "done (staged): $UNIT; site $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).siteId)' "$DATA_DIR/credentials.json") enrolled; systemctl skipped under EDGEFLEET_ROOT"
  exit 0
fi
systemctl daemon-reload
systemctl enable --now edgefleet-agent.service
systemctl is-active --quiet edgefleet-agent.service || die "edgefleet-agent did not start: journalctl -u edgefleet-agent"
step "done: site $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).siteId)' "$DATA_DIR/credentials.json") is running"
