#!/usr/bin/env bash
# Installs the edgefleet agent on an edge site: user, directories (0700), the package, enrollment
# with a one-time code from the NOC, `doctor`, and the systemd unit. Idempotent: re-running it
# skips what is done (it never re-enrolls a site that has credentials).
#
#   sudo deploy/install-site.sh --coordinator https://noc.example.net --code EF-XXXX-XXXX-XXXX-XXXX \
#        --name "Munich Edge 1" --lat 48.14 --lon 11.58 [--region eu-central] [--package ./edgefleet-agent.tgz]
set -euo pipefail

COORDINATOR="" CODE="" NAME="" LAT="" LON="" REGION="" PACKAGE="@edgefleet/agent"
DATA_DIR=/var/lib/edgefleet-agent
CONF_DIR=/etc/edgefleet
UNIT_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/systemd/edgefleet-agent.service"
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
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

[ "$(id -u)" -eq 0 ] || die "run as root (it creates a user and installs a systemd unit)"
command -v node >/dev/null || die "Node.js 20.19+ is required (apt-get install nodejs, or NodeSource)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || die "Node.js $(node -v) is too old; need 20.19+"
[ -f "$UNIT_SRC" ] || die "unit file $UNIT_SRC is missing (run from a checkout or the release tarball)"

step "user $SVC_USER"
if ! id "$SVC_USER" >/dev/null 2>&1; then
  useradd --system --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SVC_USER"
fi
for g in video render; do getent group "$g" >/dev/null && usermod -aG "$g" "$SVC_USER"; done

step "directories (0700)"
install -d -m 0700 -o "$SVC_USER" -g "$SVC_USER" "$DATA_DIR"
install -d -m 0750 -o root -g "$SVC_USER" "$CONF_DIR"
# A real site's settings: the vendor tool found on this host (else hook none, no accelerators) and
# real inference (ONNX Runtime); never the simulated hook or backend (doctor fails those).
[ -f "$CONF_DIR/agent.json" ] || { echo '{"hook": {"name": "auto"}, "backend": {"kind": "onnx"}}' > "$CONF_DIR/agent.json"; chmod 0640 "$CONF_DIR/agent.json"; chgrp "$SVC_USER" "$CONF_DIR/agent.json"; }

step "package $PACKAGE"
if ! command -v edgefleet-agent >/dev/null; then
  npm install --global --omit=dev "$PACKAGE"
fi
AGENT_BIN="$(command -v edgefleet-agent)" || die "edgefleet-agent is not on PATH after installing $PACKAGE"

as_agent() { runuser -u "$SVC_USER" -- "$@"; }

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
sed "s#^ExecStart=/usr/bin/edgefleet-agent#ExecStart=$AGENT_BIN#" "$UNIT_SRC" > /etc/systemd/system/edgefleet-agent.service
chmod 0644 /etc/systemd/system/edgefleet-agent.service
systemctl daemon-reload
systemctl enable --now edgefleet-agent.service
systemctl is-active --quiet edgefleet-agent.service || die "edgefleet-agent did not start: journalctl -u edgefleet-agent"
step "done: site $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).siteId)' "$DATA_DIR/credentials.json") is running"
