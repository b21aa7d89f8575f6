#!/usr/bin/env bash
# A local image registry: Debian's docker-registry (distribution 2.8) run as a plain process, no systemd unit.
# The engine trusts registries on 127.0.0.0/8 over plain HTTP; other addresses need --insecure-registry.
#
#   scripts/lib/registry.sh up   [ADDR [DIR]]   start (or find running) a registry on ADDR, storing under DIR
#   scripts/lib/registry.sh down [DIR]          stop it (the stored images stay)
#   scripts/lib/registry.sh status [DIR]
# Defaults: ADDR=$MAILSTACK_REGISTRY (127.0.0.1:5000), DIR=$MAILSTACK_REGISTRY_DIR (/var/lib/mailstack/registry).
#
# Sourced, it provides registry_up ADDR DIR [NETNS], registry_down DIR, registry_answers ADDR [NETNS].
# Two registries may share one DIR (e.g. one on loopback for pushing, one inside a network namespace for pulling):
# each keeps its own config, pid and log under DIR/<name>/, and storage has no in-memory cache.
set -euo pipefail

REGISTRY_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$REGISTRY_LIB_DIR/common.sh"

MAILSTACK_REGISTRY="${MAILSTACK_REGISTRY:-127.0.0.1:5000}"
MAILSTACK_REGISTRY_DIR="${MAILSTACK_REGISTRY_DIR:-/var/lib/mailstack/registry}"

ensure_registry_tools() {
  local missing=()
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ "${#missing[@]}" -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || die 3 "the registry needs: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root."
  step "Installing ${missing[*]} (Debian packages)"
  apt_install "${missing[@]}"
}

# in_netns NETNS CMD...: runs CMD inside NETNS, or here when NETNS is empty.
in_netns() {
  local ns="$1"; shift
  if [ -n "$ns" ]; then ip netns exec "$ns" "$@"; else "$@"; fi
}

# registry_answers ADDR [NETNS]: true when GET /v2/ answers 200.
registry_answers() {
  [ "$(in_netns "${2:-}" curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$1/v2/" 2>/dev/null)" = 200 ]
}

# The per-instance directory under DIR: one per address, so two instances can share the storage.
registry_instance_dir() {
  echo "$1/run-${2//[:.]/_}"
}

# registry_up ADDR DIR [NETNS]: starts docker-registry on ADDR (inside NETNS when given) unless one answers there.
registry_up() {
  local addr="$1" dir="$2" ns="${3:-}" run pid i
  ensure_registry_tools
  run="$(registry_instance_dir "$dir" "$addr")"
  if registry_answers "$addr" "$ns"; then
    ok "Registry answers at $addr${ns:+ (namespace $ns)}"
    return
  fi
  mkdir -p "$dir/storage" "$run"
  cat >"$run/config.yml" <<EOF
version: 0.1
log:
  level: warn
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $addr
EOF
  step "Starting a registry at $addr${ns:+ in namespace $ns} (storage $dir/storage)"
  # The child writes its own pid, then becomes the registry: the pid file names the registry process itself.
  local pre=()
  [ -z "$ns" ] || pre=(ip netns exec "$ns")
  "${pre[@]}" setsid bash -c 'echo $$ >"$1/pid"; exec docker-registry serve "$1/config.yml" >"$1/log" 2>&1' \
    _ "$run" >/dev/null 2>&1 </dev/null &
  for i in $(seq 1 50); do
    registry_answers "$addr" "$ns" && break
    sleep 0.2
  done
  if ! registry_answers "$addr" "$ns"; then
    tail -5 "$run/log" >&2 || true
    die 1 "the registry did not answer at $addr within 10 s (log above, $run/log). Is the port taken?"
  fi
  pid="$(cat "$run/pid")"
  ok "Registry answers at $addr (pid $pid)"
}

# registry_down DIR [ADDR]: stops the registry instances started with DIR (only the one on ADDR when given).
registry_down() {
  local dir="$1" addr="${2:-}" run pid
  for run in "$dir"/run-*; do
    [ -f "$run/pid" ] || continue
    [ -z "$addr" ] || [ "$run" = "$(registry_instance_dir "$dir" "$addr")" ] || continue
    pid="$(cat "$run/pid")"
    if kill -0 "$pid" 2>/dev/null && grep -q docker-registry "/proc/$pid/cmdline" 2>/dev/null; then
      kill -TERM "$pid"
      local i
      for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$run/pid"
  done
}

registry_main() {
  local cmd="${1:-status}"
  case "$cmd" in
    up)     registry_up "${2:-$MAILSTACK_REGISTRY}" "${3:-$MAILSTACK_REGISTRY_DIR}" ;;
    down)   registry_down "${2:-$MAILSTACK_REGISTRY_DIR}"; ok "Registry stopped (images kept in ${2:-$MAILSTACK_REGISTRY_DIR})" ;;
    status) if registry_answers "$MAILSTACK_REGISTRY"; then
              ok "Registry answers at $MAILSTACK_REGISTRY"
              curl -s "http://$MAILSTACK_REGISTRY/v2/_catalog"; echo
            else
              die 1 "no registry answers at $MAILSTACK_REGISTRY; start one with: scripts/lib/registry.sh up"
            fi ;;
    *) die 2 "usage: registry.sh up [ADDR [DIR]] | down [DIR] | status" ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  registry_main "$@"
fi
