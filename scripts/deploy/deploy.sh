#!/usr/bin/env bash
# Deploys shopflow with Docker Compose (compose.yaml) on this machine:
#
#   scripts/deploy/deploy.sh test|prod [--env-file FILE] [--tag TAG] [--health-timeout SECONDS]
#
#  1. reads the environment file (default: .env.test / .env.prod; prod requires it) and checks
#     its secrets: prod refuses missing, short, default and demo values; test only warns;
#  2. builds the image shopflow:TAG (default: the git commit, plus -dirty for local edits);
#  3. starts PostgreSQL and Redis if they are not up, and applies the migrations with the image's
#     `npm run db:migrate` (the migrations advisory lock keeps concurrent runs apart);
#  4. restarts the roles one at a time on the new image — gateway, web (it lives in the gateway's
#     network namespace, so after it), worker — waiting for each to be healthy before the next;
#  5. if a role does not become healthy, puts every role back on the previous tag (the one the
#     last successful deploy recorded) and exits 1. Migrations are not undone: they must stay
#     compatible with the previous release (add first, remove a release later).
#
# Each target is its own Compose project (shopflow-test, shopflow-prod) with its own volumes.
# Environment: SHOPFLOW_DEPLOY_STATE (where the deployed tag is recorded, default
# .data/deploy), SHOPFLOW_DEPLOY_HEALTH_INTERVAL (seconds between health probes, default 2).
set -euo pipefail
# shellcheck source=scripts/deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

[[ "${1:-}" == -h || "${1:-}" == --help ]] && usage 0
TARGET="$(target_name "${1:-}")"
shift
ENV_FILE="$SHOPFLOW_ROOT/.env.$TARGET"
TAG=""
HEALTH_TIMEOUT=180
while (($# > 0)); do
  case "$1" in
    --env-file) ENV_FILE="${2:?--env-file needs a file}"; shift 2 ;;
    --tag) TAG="${2:?--tag needs a tag}"; shift 2 ;;
    --health-timeout) HEALTH_TIMEOUT="${2:?--health-timeout needs seconds}"; shift 2 ;;
    -h | --help) usage 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$HEALTH_TIMEOUT" =~ ^[0-9]+$ ]] || die "--health-timeout must be a number of seconds"
[[ "$TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ || -z "$TAG" ]] || die "--tag must be a Docker tag ([A-Za-z0-9_.-], at most 128 characters)"

if [[ ! -f "$ENV_FILE" ]]; then
  [[ "$TARGET" == prod ]] && die "prod needs its environment file: $ENV_FILE (start from .env.example)"
  log "no $ENV_FILE: compose.yaml's local defaults apply (test only)"
fi
SECRETS=(NEXTAUTH_SECRET GATEWAY_SECRET POSTGRES_PASSWORD NEXTAUTH_URL)
if [[ ",$(effective_value "$ENV_FILE" COMPOSE_PROFILES)," == *",observability,"* ]]; then SECRETS+=(GRAFANA_ADMIN_PASSWORD); fi
if [[ -n "$(effective_value "$ENV_FILE" METRICS_TOKEN)" ]]; then SECRETS+=(METRICS_TOKEN); fi
check_secrets "$TARGET" "$ENV_FILE" "${SECRETS[@]}"

if [[ -z "$TAG" ]]; then
  TAG="$(git -C "$SHOPFLOW_ROOT" rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
  [[ -n "$(git -C "$SHOPFLOW_ROOT" status --porcelain 2>/dev/null)" ]] && TAG="$TAG-dirty"
fi
STATE_DIR="${SHOPFLOW_DEPLOY_STATE:-$SHOPFLOW_ROOT/.data/deploy}/$TARGET"
mkdir -p "$STATE_DIR"
PREVIOUS_TAG="$(cat "$STATE_DIR/current-tag" 2>/dev/null || true)"
HEALTH_INTERVAL="${SHOPFLOW_DEPLOY_HEALTH_INTERVAL:-2}"
ROLES=(gateway web worker)

compose() {
  local args=(compose --project-name "shopflow-$TARGET" --project-directory "$SHOPFLOW_ROOT" --file "$SHOPFLOW_ROOT/compose.yaml")
  [[ -f "$ENV_FILE" ]] && args+=(--env-file "$ENV_FILE")
  SHOPFLOW_TAG="$1" docker "${args[@]}" "${@:2}"
}

# role_healthy TAG ROLE: every container of ROLE runs and Docker's health check says healthy.
# shellcheck disable=SC2317 # called through wait_until
role_healthy() {
  local states
  states="$(compose "$1" ps --all --format '{{.State}} {{.Health}}' "$2")" || return 1
  [[ -n "$states" ]] && ! grep -qv '^running healthy$' <<<"$states"
}

# roll TAG: the roles onto TAG, one at a time, each healthy before the next.
roll() {
  local tag="$1" role
  for role in "${ROLES[@]}"; do
    log "restarting $role on shopflow:$tag"
    compose "$tag" up --detach --no-deps --force-recreate "$role" || return 1
    wait_until "$HEALTH_TIMEOUT" "$HEALTH_INTERVAL" "$role" role_healthy "$tag" "$role" || return 1
  done
}

log "target $TARGET, image shopflow:$TAG (previous: ${PREVIOUS_TAG:-none})"
log "building shopflow:$TAG"
# Every role and job uses the gateway's image (one image, one build).
compose "$TAG" build gateway
log "starting PostgreSQL and Redis"
compose "$TAG" up --detach --wait postgres redis
log "applying migrations"
compose "$TAG" run --rm --no-deps migrate

if roll "$TAG"; then
  printf '%s\n' "$TAG" >"$STATE_DIR/current-tag"
  log "deployed shopflow:$TAG to $TARGET"
  exit 0
fi

if [[ -z "$PREVIOUS_TAG" || "$PREVIOUS_TAG" == "$TAG" ]]; then
  die "shopflow:$TAG is not healthy and there is no previous tag to roll back to; look at: docker compose -p shopflow-$TARGET logs"
fi
log "shopflow:$TAG is not healthy: rolling back to shopflow:$PREVIOUS_TAG"
if roll "$PREVIOUS_TAG"; then
  die "rolled back to shopflow:$PREVIOUS_TAG; shopflow:$TAG failed its health check"
fi
die "rollback to shopflow:$PREVIOUS_TAG is not healthy either: look at docker compose -p shopflow-$TARGET logs"
