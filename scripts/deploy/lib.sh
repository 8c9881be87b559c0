#!/usr/bin/env bash
# Shared by scripts/deploy/deploy.sh (containers) and scripts/deploy/systemd.sh (bare metal):
# messages, reading an environment file without executing it, the secrets check, health waits.
# Sourced, never run.

SHOPFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SHOPFLOW_ROOT

log() { printf '[deploy] %s\n' "$*" >&2; }
die() {
  printf '[deploy] error: %s\n' "$*" >&2
  exit 1
}

# env_file_value FILE NAME: the last NAME=value of FILE (quotes removed), or nothing. The file is
# read, never sourced: an environment file is data, and a `$(…)` in it must not run.
env_file_value() {
  local file="$1" name="$2" line value=""
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line#export }"
    [[ "$line" == "$name="* ]] || continue
    value="${line#"$name="}"
    if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value="${BASH_REMATCH[1]}"; fi
  done <"$file"
  printf '%s' "$value"
}

# effective_value FILE NAME: what the app will see — the real environment first, then the file
# (the same order as .env for npm start, and as Compose's --env-file). With ENV_FILE_ONLY=1
# (systemd units see their EnvironmentFile, not the deploying shell) only the file counts.
effective_value() {
  local file="$1" name="$2"
  if [[ "${ENV_FILE_ONLY:-0}" != 1 && -n "${!name+set}" ]]; then printf '%s' "${!name}"; else env_file_value "$file" "$name"; fi
}

# Values that must never reach production: compose.yaml's local defaults, .env.example's
# placeholders, the demo and test secrets in this repository.
DEMO_SECRET_PATTERN='local-only|not-for-production|development-only|change-me|changeme|example|demo|test-secret|secret123|password|admin123|shopper123'

# compose_default NAME: the default compose.yaml gives ${NAME:-default}, if any.
compose_default() {
  local name="$1"
  { grep -o "\${$name:-[^}]*}" "$SHOPFLOW_ROOT/compose.yaml" 2>/dev/null || true; } | head -n 1 | sed -e "s/^\${$name:-//" -e 's/}$//'
}

# check_secrets TARGET FILE REQUIRED…: refuses (prod) or warns about (test) missing, short,
# default or demo secrets. Never prints a secret's value.
check_secrets() {
  local target="$1" file="$2"
  shift 2
  local problems=() name value default min label
  for name in "$@"; do
    label="$name"
    value="$(effective_value "$file" "$name")"
    if [[ -z "$value" ]]; then
      problems+=("$name is not set")
      continue
    fi
    if [[ "$name" == DATABASE_URL ]]; then
      # Only its password is a secret (host names may say anything); no password at all is
      # fine (peer authentication over PostgreSQL's Unix socket).
      value="$(sed -n 's#^[a-z]*://[^:@/]*:\([^@]*\)@.*#\1#p' <<<"$value")"
      [[ -z "$value" ]] && continue
      label="DATABASE_URL's password"
      if [[ "$value" == postgres || "$value" == shopflow ]]; then problems+=("$label is a default"); fi
    fi
    default="$(compose_default "$name")"
    [[ "$name" == DATABASE_URL ]] && default="$(compose_default POSTGRES_PASSWORD)"
    if [[ -n "$default" && "$value" == "$default" ]]; then problems+=("$label is compose.yaml's local default"); fi
    if [[ "$name" != NEXTAUTH_URL ]] && grep -qiE "$DEMO_SECRET_PATTERN" <<<"$value"; then problems+=("$label looks like a demo or placeholder value"); fi
    case "$name" in
      NEXTAUTH_SECRET) min=32 ;;
      GATEWAY_SECRET | POSTGRES_PASSWORD | DATABASE_URL | GRAFANA_ADMIN_PASSWORD | METRICS_TOKEN) min=16 ;;
      *) min=0 ;;
    esac
    if ((${#value} < min)); then problems+=("$label is shorter than $min characters"); fi
    if [[ "$name" == NEXTAUTH_URL && "$target" == prod ]]; then
      [[ "$value" =~ ^https:// ]] || problems+=("NEXTAUTH_URL must be the https:// public origin in prod")
      if grep -qE '://(localhost|127\.)' <<<"$value"; then problems+=("NEXTAUTH_URL points at this machine"); fi
    fi
  done
  local profiles
  profiles="$(effective_value "$file" COMPOSE_PROFILES)"
  if [[ ",$profiles," == *",demo,"* ]]; then problems+=("COMPOSE_PROFILES includes demo (demo accounts with published passwords)"); fi
  if [[ "$(effective_value "$file" SEED_DEMO)" == 1 ]]; then problems+=("SEED_DEMO=1 loads demo accounts with published passwords"); fi
  ((${#problems[@]} == 0)) && return 0
  local problem
  for problem in "${problems[@]}"; do
    if [[ "$target" == prod ]]; then log "refused: $problem"; else log "warning: $problem"; fi
  done
  [[ "$target" == prod ]] && die "secrets check failed for prod (${#problems[@]} problem(s)); fix $file"
  return 0
}

# wait_until TIMEOUT_SECONDS INTERVAL_SECONDS DESCRIPTION COMMAND…: runs COMMAND until it
# succeeds; fails after TIMEOUT_SECONDS.
wait_until() {
  local timeout="$1" interval="$2" what="$3"
  shift 3
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "$what: not healthy after ${timeout}s"
      return 1
    fi
    sleep "$interval"
  done
  log "$what: healthy"
}

# target_name ARG: accepts test or prod only.
target_name() {
  case "${1:-}" in
    test | prod) printf '%s' "$1" ;;
    *) die "the first argument is the target: test or prod (got '${1:-}')" ;;
  esac
}
