#!/usr/bin/env bash
# Deploys shopflow on a machine without containers: Node.js, systemd, PostgreSQL (and Redis)
# installed there. Units: ops/systemd/ (one template per role, an instance per target).
#
#   scripts/deploy/systemd.sh test|prod [--env-file FILE] [--prefix DIR] [--health-timeout SECONDS]
#
#  1. checks the environment file (default /etc/shopflow/TARGET.env): prod refuses missing,
#     short, default and demo secrets; test only warns;
#  2. makes a release from this checkout's HEAD in PREFIX/TARGET/releases/COMMIT (default prefix
#     /opt/shopflow) with CI's commands: npm ci, npm run build, then npm prune --omit=dev;
#  3. applies the migrations from the new release (npm run db:migrate, under the advisory lock);
#  4. points PREFIX/TARGET/current at the new release, installs the units, and restarts the
#     roles one at a time — gateway, web, worker — each healthy before the next;
#  5. if one does not become healthy: points current back at the previous release, restarts
#     the roles on it and exits 1 (migrations stay: they must suit the previous release too).
#
# Environment: SYSTEMD_UNIT_DIR (default /etc/systemd/system), SHOPFLOW_DEPLOY_HEALTH_INTERVAL
# (seconds between health probes, default 2).
set -euo pipefail
# shellcheck source=scripts/deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

[[ "${1:-}" == -h || "${1:-}" == --help ]] && usage 0
TARGET="$(target_name "${1:-}")"
shift
ENV_FILE="/etc/shopflow/$TARGET.env"
PREFIX=/opt/shopflow
HEALTH_TIMEOUT=180
while (($# > 0)); do
  case "$1" in
    --env-file) ENV_FILE="${2:?--env-file needs a file}"; shift 2 ;;
    --prefix) PREFIX="${2:?--prefix needs a directory}"; shift 2 ;;
    --health-timeout) HEALTH_TIMEOUT="${2:?--health-timeout needs seconds}"; shift 2 ;;
    -h | --help) usage 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$HEALTH_TIMEOUT" =~ ^[0-9]+$ ]] || die "--health-timeout must be a number of seconds"
[[ -f "$ENV_FILE" ]] || die "the units read their settings from $ENV_FILE: create it first (start from .env.example)"
# The units see their EnvironmentFile only, so that is what is checked (not this shell's environment).
ENV_FILE_ONLY=1
SECRETS=(DATABASE_URL NEXTAUTH_SECRET GATEWAY_SECRET NEXTAUTH_URL)
if [[ -n "$(env_file_value "$ENV_FILE" METRICS_TOKEN)" ]]; then SECRETS+=(METRICS_TOKEN); fi
check_secrets "$TARGET" "$ENV_FILE" "${SECRETS[@]}"

UNIT_DIR="${SYSTEMD_UNIT_DIR:-/etc/systemd/system}"
HEALTH_INTERVAL="${SHOPFLOW_DEPLOY_HEALTH_INTERVAL:-2}"
ROLES=(gateway web worker)
BASE="$PREFIX/$TARGET"
CURRENT="$BASE/current"
COMMIT="$(git -C "$SHOPFLOW_ROOT" rev-parse --short=12 HEAD)"
RELEASE="$BASE/releases/$COMMIT"
PREVIOUS="$(readlink "$CURRENT" 2>/dev/null || true)"
ENV_DIR="$(dirname "$ENV_FILE")"

# role_setting ROLE NAME DEFAULT: a role's setting as its unit sees it (role file, shared file, unit default).
# shellcheck disable=SC2317 # called through wait_until
role_setting() {
  local value
  value="$(env_file_value "$ENV_DIR/$TARGET-$1.env" "$2")"
  [[ -z "$value" ]] && value="$(env_file_value "$ENV_FILE" "$2")"
  printf '%s' "${value:-$3}"
}

# role_healthy ROLE: the container image's health check, run against this machine's processes.
# shellcheck disable=SC2317 # called through wait_until
role_healthy() {
  local role="$1" port
  port="$(role_setting "$role" PORT 3000)"
  SHOPFLOW_ROLE="$role" PORT="$port" WEB_PORT="$(role_setting "$role" WEB_PORT $((port + 1)))" \
    METRICS_PORT="$(role_setting "$role" METRICS_PORT "$([[ "$role" == web ]] && echo 3002 || echo 3003)")" \
    METRICS_TOKEN="$(role_setting "$role" METRICS_TOKEN "")" \
    node "$CURRENT/scripts/healthcheck.mjs"
}

# point_current_at DIR: switches the `current` link in one step (rename over the old link).
point_current_at() {
  ln -sfn "$1" "$BASE/current.next"
  mv -Tf "$BASE/current.next" "$CURRENT"
}

roll() {
  local role
  for role in "${ROLES[@]}"; do
    log "restarting shopflow-$role@$TARGET"
    systemctl restart "shopflow-$role@$TARGET.service" || return 1
    wait_until "$HEALTH_TIMEOUT" "$HEALTH_INTERVAL" "$role" role_healthy "$role" || return 1
  done
}

log "target $TARGET, release $COMMIT (previous: ${PREVIOUS:-none})"
if [[ "$PREVIOUS" != "$RELEASE" ]]; then
  rm -rf "$RELEASE"
  mkdir -p "$RELEASE"
  git -C "$SHOPFLOW_ROOT" archive --format=tar HEAD | tar -x -C "$RELEASE"
fi
log "building the release (npm ci, npm run build, npm prune --omit=dev)"
(cd "$RELEASE" && npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --no-audit --no-fund)
# Next writes its runtime cache under .next; the rest of the release stays root's, read-only to the service.
if id shopflow >/dev/null 2>&1; then chown -R shopflow:shopflow "$RELEASE/.next"; else log "warning: no user 'shopflow' (the units run as it): useradd --system shopflow"; fi
log "applying migrations"
(cd "$RELEASE" && SHOPFLOW_ENV_FILE="$ENV_FILE" npm run db:migrate)

log "installing the units"
install -m 0644 "$SHOPFLOW_ROOT"/ops/systemd/shopflow-*@.service "$SHOPFLOW_ROOT/ops/systemd/shopflow@.target" "$UNIT_DIR/"
systemctl daemon-reload
systemctl enable "shopflow@$TARGET.target"
point_current_at "$RELEASE"

if roll; then
  log "deployed $COMMIT to $TARGET"
  exit 0
fi
if [[ -z "$PREVIOUS" || "$PREVIOUS" == "$RELEASE" ]]; then
  die "release $COMMIT is not healthy and there is no previous release to go back to; journalctl -u 'shopflow-*@$TARGET'"
fi
log "release $COMMIT is not healthy: going back to $PREVIOUS"
point_current_at "$PREVIOUS"
if roll; then
  die "rolled back to $PREVIOUS; release $COMMIT failed its health check"
fi
die "the previous release $PREVIOUS is not healthy either: journalctl -u 'shopflow-*@$TARGET'"
