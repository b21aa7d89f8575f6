#!/usr/bin/env bash
# Makes this machine able to run the stack, idempotently:
#   1. a Docker engine (Debian's docker.io, installed when missing; dockerd started when none answers),
#   2. qemu/binfmt so linux/arm/v7 images run (best effort),
#   3. a single-node swarm when the engine is in none (an existing swarm is left alone),
#   4. the base image debian:bookworm-slim: pulled where a registry answers, otherwise built with
#      debootstrap from this machine's own apt mirror and imported under the same name,
#   5. the JRE base image the project's Dockerfiles build on (cached: rebuilt when missing or when a file of
#      docker/jre changed, such as modules.list).
# A second run takes seconds. Sourced by ./mailstack; may also be run directly.
set -euo pipefail

SETUP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$SETUP_DIR/common.sh"

BASE_IMAGE="debian:bookworm-slim"
JRE_IMAGE="mailstack/jre:17"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/mailstack-dockerd.log}"

need_root_for() {
  if [ "$(id -u)" -ne 0 ]; then
    die 3 "$1 needs root. Run as root, or install it yourself first: $2"
  fi
}

ensure_engine() {
  if docker info >/dev/null 2>&1; then
    ok "Docker engine answers"
    return
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    need_root_for "Installing Docker" "apt-get install docker.io (Debian/Ubuntu), then start dockerd"
    step "Installing Docker engine (Debian package docker.io)"
    apt_install docker.io
  fi
  if ! docker info >/dev/null 2>&1; then
    if [ -S /var/run/docker.sock ] && [ "$(id -u)" -ne 0 ]; then
      die 3 "Docker is running but this user cannot reach /var/run/docker.sock. Add yourself to the 'docker' group or run as root."
    fi
    need_root_for "Starting dockerd" "start the Docker service (systemctl start docker)"
    step "Starting dockerd (log: $DOCKERD_LOG)"
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      systemctl start docker || true
    fi
    if ! docker info >/dev/null 2>&1; then
      setsid nohup dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
    fi
    local i
    for i in $(seq 1 60); do
      docker info >/dev/null 2>&1 && break
      sleep 1
    done
    docker info >/dev/null 2>&1 || die 3 "dockerd did not answer within 60 s; see $DOCKERD_LOG"
  fi
  ok "Docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
}

ensure_binfmt() {
  # arm/v7 images (Raspberry Pi) run here under qemu. Best effort: amd64 works without it.
  if [ -e /proc/sys/fs/binfmt_misc/qemu-arm ]; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    warn "qemu-arm binfmt not registered (needs root); arm images will not run on this machine"
    return
  fi
  if ! command -v update-binfmts >/dev/null 2>&1 || [ ! -e /usr/bin/qemu-arm-static ]; then
    step "Installing qemu-user-static and binfmt-support (for linux/arm/v7 images)"
    apt_install qemu-user-static binfmt-support || { warn "could not install qemu-user-static"; return; }
  fi
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
  fi
  update-binfmts --enable >/dev/null 2>&1 || true
  [ -e /proc/sys/fs/binfmt_misc/qemu-arm ] && ok "qemu-arm binfmt registered" \
    || warn "qemu-arm binfmt could not be registered; arm images will not run here"
}

ensure_swarm() {
  local state
  state="$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown)"
  case "$state" in
    active)
      ok "Swarm active (left as it is)" ;;
    inactive)
      step "Initialising a single-node swarm"
      docker swarm init --advertise-addr 127.0.0.1 >/dev/null
      ok "Swarm initialised" ;;
    *)
      die 3 "Swarm state is '$state'; fix it with 'docker swarm leave --force' or join the node, then rerun." ;;
  esac
}

# The apt mirror this machine uses, read from its own apt configuration (never written into the repo).
apt_mirror() {
  local uri=""
  if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
    uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources)"
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri="$(awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# Images, the build and the volumes need room: refuse early, with a clear message, rather than fail half-way.
# MAILSTACK_MIN_FREE_MB sets the threshold (default 2048).
check_space() {
  local root avail_kb need_mb="${MAILSTACK_MIN_FREE_MB:-2048}"
  root="$(docker info --format '{{.DockerRootDir}}' 2>/dev/null || echo /var/lib/docker)"
  [ -d "$root" ] || root=/var/lib
  avail_kb="$(df -Pk "$root" 2>/dev/null | awk 'NR==2 {print $4}')"
  if [ -n "$avail_kb" ] && [ "$avail_kb" -lt $((need_mb * 1024)) ]; then
    die 4 "only $((avail_kb / 1024)) MiB free under $root; mailstack needs at least $need_mb MiB for its images and data. Free some space (for example 'docker system prune') and rerun."
  fi
}

ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    ok "Base image $BASE_IMAGE present"
    return
  fi
  check_space
  if [ "${MAILSTACK_BASE_SOURCE:-auto}" != "debootstrap" ]; then
    step "Trying to pull $BASE_IMAGE"
    if timeout 60 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then
      ok "Pulled $BASE_IMAGE"
      return
    fi
    warn "no registry answered; building $BASE_IMAGE offline with debootstrap"
  fi
  need_root_for "Building the base image with debootstrap" "a registry that serves $BASE_IMAGE"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  local mirror rootfs
  mirror="$(apt_mirror)"
  rootfs="$(mktemp -d /var/tmp/mailstack-rootfs.XXXXXX)"
  # No RETURN trap: bash keeps it after the function returns and fires it again in the caller, where the local
  # rootfs no longer exists (set -u makes that fatal). Every way out of this function removes the tree itself.
  step "debootstrap bookworm (about 90 s)"
  if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1; then
    tail -20 "$rootfs.log" >&2
    rm -rf "$rootfs" "$rootfs.log"
    die 4 "debootstrap failed (log above). Check the apt mirror ($mirror) and free space."
  fi
  rm -f "$rootfs.log"
  # Same housekeeping as the official slim image: no apt caches, no docs.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  if ! tar -C "$rootfs" --exclude='./var/cache/apt/archives/*.deb' --exclude='./proc/*' --exclude='./sys/*' -c . \
      | docker import -c 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null; then
    rm -rf "$rootfs"
    die 4 "importing the debootstrap tree as $BASE_IMAGE failed. Check free space under Docker's data root."
  fi
  rm -rf "$rootfs"
  ok "Built and imported $BASE_IMAGE"
}

# The JRE layer carries a hash of its recipe as a label: every file of docker/jre (names and contents). A changed
# recipe rebuilds it (the arm layer too), an unchanged one is reused.
jre_recipe_hash() {
  local dir
  dir="$(cd "$SETUP_DIR/../../docker/jre" && pwd)"
  (cd "$dir" && sha256sum -- *) | sha256sum | cut -c1-16
}

ensure_jre_image() {
  local root recipe current
  root="$(cd "$SETUP_DIR/../.." && pwd)"
  recipe="$(jre_recipe_hash)"
  current="$(docker image inspect -f '{{index .Config.Labels "org.mailstack.recipe"}}' "$JRE_IMAGE" 2>/dev/null || true)"
  if [ "$current" = "$recipe" ]; then
    ok "JRE base image $JRE_IMAGE present"
    return
  fi
  check_space
  step "Building $JRE_IMAGE (jlinks a runtime from Debian's JDK, about two minutes)"
  docker build --label "org.mailstack.recipe=$recipe" -t "$JRE_IMAGE" "$root/docker/jre" 2>&1 | progress_filter \
    || die 4 "building $JRE_IMAGE failed (output above)"
  ok "Built $JRE_IMAGE"
}

docker_setup() {
  ensure_engine
  ensure_binfmt
  ensure_swarm
  ensure_base_image
  ensure_jre_image
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  docker_setup
fi
