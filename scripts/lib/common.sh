#!/usr/bin/env bash
# Small helpers shared by the project's shell scripts: progress lines, errors with exit codes, apt.

if [ -t 1 ]; then
  _B=$'\e[1m'; _G=$'\e[32m'; _Y=$'\e[33m'; _R=$'\e[31m'; _N=$'\e[0m'
else
  _B=""; _G=""; _Y=""; _R=""; _N=""
fi

step() { printf '%s==>%s %s\n' "$_B" "$_N" "$*"; }
ok()   { printf '  %s✓%s %s\n' "$_G" "$_N" "$*"; }
warn() { printf '  %s!%s %s\n' "$_Y" "$_N" "$*" >&2; }
# die CODE MESSAGE: print what went wrong and what to do, exit with CODE.
die()  { local code="$1"; shift; printf '%serror:%s %s\n' "$_R" "$_N" "$*" >&2; exit "$code"; }

_APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die 3 "apt-get not found: install $* with your system's package manager"
  if [ -z "$_APT_UPDATED" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die 3 "apt-get update failed"
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Shortens the classic builder's output to its step lines; keeps errors.
progress_filter() {
  { grep --line-buffered -E '^(Step [0-9]+/[0-9]+|Successfully|ERROR|[Ee]rror|E: )' || true; } | sed -u 's/^/    /'
}

# Maven, quiet, without the colour codes Maven 3.8 prints even in batch mode. Keeps Maven's exit status.
mvn_quiet() {
  local status
  set +e
  mvn -B -q -Dstyle.color=never "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  status="${PIPESTATUS[0]}"
  set -e
  return "$status"
}

# The classic builder: it works offline with engine 20.10 and needs no buildx plugin.
export DOCKER_BUILDKIT=0
