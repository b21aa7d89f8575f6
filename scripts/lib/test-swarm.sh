#!/usr/bin/env bash
# A multi-node Docker Swarm on this one machine, for tests: one dockerd per network namespace.
#
#   scripts/lib/test-swarm.sh up N          N nodes (default 3): node 1 the manager, the last node labelled arch=armhf
#   scripts/lib/test-swarm.sh down [--purge] stop every node, delete namespaces and cgroups (--purge: the registry too)
#   scripts/lib/test-swarm.sh status        the nodes as the manager sees them
#   scripts/lib/test-swarm.sh docker I ARGS  docker ARGS against node I (I=1 is the manager)
#   scripts/lib/test-swarm.sh host I        the DOCKER_HOST of node I
#   scripts/lib/test-swarm.sh publish [IMAGE...]   build and push the images into the swarm's registry
#   scripts/lib/test-swarm.sh forward ADDR:PORT LOCALPORT   127.0.0.1:LOCALPORT → ADDR:PORT inside the test LAN
#   scripts/lib/test-swarm.sh cut I | heal I  unplug / replug node I's cable
#   scripts/lib/test-swarm.sh prefix6 I     the IPv6 /64 routed to node I
#   scripts/lib/test-swarm.sh outside CMD   run CMD in the "outside" namespace (an Internet host, IPv6 only)
#
# Layout (all addresses exist only inside namespaces this script creates; no route leads out of them):
#   namespace NAME-lan   bridge with PREFIX.1/24, a registry on PREFIX.1:5000 (insecure, for the nodes)
#   namespace NAME-nI    veth into the bridge, PREFIX.(10+I)/24, own hostname NAME-nI, one dockerd with its own
#                        data-root, exec-root, pidfile, socket, config file and cgroup parent /NAME-nI;
#                        the armhf node's data-root is an ext4 disk image without hashed directories (see ts_arm_disk)
# IPv6 (documentation prefix V6 = 2001:db8:0 unless set): the LAN namespace is also the router of the site.
#   NAME-lan   br0 has V6::1/64; forwards IPv6; routes V6:10I::/64 (node I's routed prefix) via node I
#   NAME-nI    eth0 has V6::1I/64, default route via V6::1, forwarding on (a host that routes a prefix
#              to its containers); every node carries the label org.mailstack.ipv6-prefix=V6:10I::/64
#   NAME-out   an Internet host: V6:ff::2/64 behind the router (V6:ff::1), for clients from outside
# A second registry on 127.0.0.1:REGISTRY_PORT shares the storage: the host pushes there, the nodes pull from
# PREFIX.1:5000. Images: PREFIX.1:5000/mailstack/IMAGE:latest (manifest list), :latest-amd64, :latest-armv7.
#
# Settings (environment): TEST_SWARM_NAME (msw), TEST_SWARM_PREFIX (10.250.0), TEST_SWARM_DIR
# (/var/tmp/mailstack-NAME), TEST_SWARM_REGISTRY_PORT (5099), TEST_SWARM_HEARTBEAT (2s), TEST_SWARM_IPV6 (2001:db8:0).
# Needs root. Every wait is bounded; failures say what to look at.
set -euo pipefail

SWARM_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=registry.sh
. "$SWARM_LIB_DIR/registry.sh"

TS_NAME="${TEST_SWARM_NAME:-msw}"
TS_PREFIX="${TEST_SWARM_PREFIX:-10.250.0}"
TS_DIR="${TEST_SWARM_DIR:-/var/tmp/mailstack-$TS_NAME}"
TS_REGISTRY_PORT="${TEST_SWARM_REGISTRY_PORT:-5099}"
TS_HEARTBEAT="${TEST_SWARM_HEARTBEAT:-2s}"
TS_V6="${TEST_SWARM_IPV6:-2001:db8:0}"
TS_OUT="$TS_NAME-out"
TS_LAN="$TS_NAME-lan"
TS_LAN_REGISTRY="$TS_PREFIX.1:5000"
TS_HOST_REGISTRY="127.0.0.1:$TS_REGISTRY_PORT"

ts_ns()   { echo "$TS_NAME-n$1"; }
ts_addr() { echo "$TS_PREFIX.$((10 + $1))"; }
ts_addr6() { echo "$TS_V6::$((10 + $1))"; }
ts_prefix6() { echo "$TS_V6:$((100 + $1))::/64"; }
ts_sock() { echo "$TS_DIR/n$1/docker.sock"; }
ts_host() { echo "unix://$(ts_sock "$1")"; }
ts_docker() { local i="$1"; shift; docker -H "$(ts_host "$i")" "$@"; }
ts_node_answers() { ts_docker "$1" info >/dev/null 2>&1; }

# The node numbers that have a directory (were brought up and not yet torn down).
ts_nodes() {
  local d
  for d in "$TS_DIR"/n*; do
    [ -d "$d" ] && echo "${d##*/n}"
  done | sort -n
}

ts_check_env() {
  [ "$(id -u)" -eq 0 ] || die 3 "the test swarm needs root (network namespaces, dockerd)"
  command -v ip >/dev/null 2>&1 || apt_install iproute2
  command -v unshare >/dev/null 2>&1 || die 3 "unshare (util-linux) is missing"
  command -v dockerd >/dev/null 2>&1 || die 3 "dockerd is missing: run scripts/lib/docker-setup.sh first"
  case "$TS_NAME" in *[!a-z0-9]*|'') die 2 "TEST_SWARM_NAME must be lower-case letters and digits" ;; esac
  [ "${#TS_NAME}" -le 8 ] || die 2 "TEST_SWARM_NAME must be 8 characters at most (interface names)"
}

ts_ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

ts_lan_up() {
  if ! ts_ns_exists "$TS_LAN"; then
    ip netns add "$TS_LAN"
  fi
  ip -n "$TS_LAN" link set lo up
  if ! ip -n "$TS_LAN" link show br0 >/dev/null 2>&1; then
    ip -n "$TS_LAN" link add br0 type bridge
    ip -n "$TS_LAN" addr add "$TS_PREFIX.1/24" dev br0
  fi
  ip -n "$TS_LAN" addr replace "$TS_V6::1/64" dev br0 nodad
  ip -n "$TS_LAN" link set br0 up
  ip netns exec "$TS_LAN" sysctl -qw net.ipv6.conf.all.forwarding=1
  ts_outside_up
}

# The outside host: its own namespace behind the LAN's router, reaching the nodes' routed prefixes over IPv6 only.
ts_outside_up() {
  ts_ns_exists "$TS_OUT" || ip netns add "$TS_OUT"
  if ! ip -n "$TS_OUT" link show eth0 >/dev/null 2>&1; then
    ip -n "$TS_LAN" link add "o$TS_NAME" type veth peer name eth0 netns "$TS_OUT"
    ip -n "$TS_LAN" addr add "$TS_V6:ff::1/64" dev "o$TS_NAME" nodad
    ip -n "$TS_OUT" addr add "$TS_V6:ff::2/64" dev eth0 nodad
  fi
  ip -n "$TS_LAN" link set "o$TS_NAME" up
  ip -n "$TS_OUT" link set lo up
  ip -n "$TS_OUT" link set eth0 up
  ip -n "$TS_OUT" -6 route replace default via "$TS_V6:ff::1"
}

# The node's namespace and cable: created directly inside the namespaces, nothing is added to this host's network.
ts_node_net() {
  local i="$1" ns veth
  ns="$(ts_ns "$i")"; veth="v$TS_NAME$i"
  ts_ns_exists "$ns" || ip netns add "$ns"
  if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
    ip -n "$TS_LAN" link add "$veth" type veth peer name eth0 netns "$ns"
    ip -n "$ns" addr add "$(ts_addr "$i")/24" dev eth0
  fi
  # Replaced, not added: a node made before the test LAN had IPv6 gets its address too.
  ip -n "$ns" addr replace "$(ts_addr6 "$i")/64" dev eth0 nodad
  ip -n "$TS_LAN" link set "$veth" master br0 up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$TS_PREFIX.1"
  ip -n "$ns" -6 route replace default via "$TS_V6::1"
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1
  ip -n "$TS_LAN" -6 route replace "$(ts_prefix6 "$i")" via "$(ts_addr6 "$i")"
}

# The cgroup v1/v2 hierarchies of this host as "type options mountpoint" lines: 'ip netns exec' remounts /sys and
# hides them, and dockerd dies with "Devices cgroup isn't mounted" unless they are mounted again inside.
ts_cgroup_mounts() {
  awk '($3 == "cgroup" || $3 == "cgroup2") && $2 ~ "^/sys/fs/cgroup/" {print $3, $4, $2}' /proc/self/mounts
}

# The node labelled arch=armhf among N nodes (the last one; none in a one-node swarm).
ts_arm_node() { if [ "$1" -ge 2 ]; then echo "$1"; else echo 0; fi; }

# A disk for the arm node's data-root: ext4 without hashed directories. Under qemu-user on this 64-bit kernel a
# 32-bit program gets EOVERFLOW from readdir when a directory cookie (ext4 hash offsets) or an inode number
# (tmpfs inode64) needs 64 bits; a real Pi's kernel knows the process is 32-bit. Linear directories give byte
# offsets, so images, volumes and containers on this disk behave for the arm JVM as on a Pi.
ts_arm_disk() {
  local dir="$1" img="$1/disk.img"
  [ -f "$img" ] && return
  command -v mkfs.ext4 >/dev/null 2>&1 || apt_install e2fsprogs
  truncate -s "${TEST_SWARM_ARM_DISK:-8G}" "$img"
  mkfs.ext4 -q -F -O ^dir_index -E nodiscard "$img" || die 1 "mkfs.ext4 failed on $img"
}

ts_dockerd_start() {
  local i="$1" arm="$2" ns dir disk=""
  ns="$(ts_ns "$i")"; dir="$TS_DIR/n$i"
  mkdir -p "$dir/data" "$dir/exec"
  echo '{}' >"$dir/daemon.json"
  ts_cgroup_mounts >"$dir/cgroups"
  if [ "$arm" = 1 ]; then
    ts_arm_disk "$dir"
    disk="$dir/disk.img"
  fi
  # Inside: own hostname (UTS), the cgroup hierarchies mounted again, /run/containerd hidden so dockerd starts
  # its own containerd instead of using a system one, the arm node's disk (in this mount namespace only: the loop
  # device goes away with it), then dockerd.
  ip netns exec "$ns" unshare --uts -- setsid bash -c '
    set -e
    dir="$1"; name="$2"; cgparent="$3"; insecure="$4"; disk="$5"
    hostname "$name"
    [ -z "$disk" ] || mount -o loop "$disk" "$dir/data"
    mount -t tmpfs -o mode=755 cgroup_root /sys/fs/cgroup
    while read -r type opts point; do
      mkdir -p "$point"
      mount -t "$type" -o "$opts" "$type" "$point"
    done <"$dir/cgroups"
    mkdir -p /run/containerd && mount -t tmpfs -o mode=700 containerd_run /run/containerd
    echo $$ >"$dir/launcher.pid"
    exec dockerd --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$dir/exec" \
      --pidfile "$dir/docker.pid" -H "unix://$dir/docker.sock" --cgroup-parent "$cgparent" \
      --insecure-registry "$insecure" --shutdown-timeout 5 >"$dir/dockerd.log" 2>&1
  ' _ "$dir" "$ns" "/$ns" "$TS_PREFIX.0/24" "$disk" >/dev/null 2>&1 </dev/null &
}

ts_wait() {
  local what="$1" seconds="$2" i; shift 2
  for i in $(seq 1 $((seconds * 5))); do
    "$@" && return 0
    sleep 0.2
  done
  return 1
}

ts_node_up() {
  local i="$1" arm="$2"
  ts_node_net "$i"
  if ts_node_answers "$i"; then
    return
  fi
  ts_dockerd_start "$i" "$arm"
}

ts_swarm_state() { ts_docker "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

ts_swarm_form() {
  local n="$1" i token
  if [ "$(ts_swarm_state 1)" != active ]; then
    ts_docker 1 swarm init --advertise-addr "$(ts_addr 1)" --listen-addr "$(ts_addr 1):2377" \
      --dispatcher-heartbeat "$TS_HEARTBEAT" >/dev/null
  fi
  token="$(ts_docker 1 swarm join-token -q worker)"
  for i in $(seq 2 "$n"); do
    [ "$(ts_swarm_state "$i")" = active ] && continue
    ts_docker "$i" swarm join --token "$token" --advertise-addr "$(ts_addr "$i")" "$(ts_addr 1):2377" >/dev/null
  done
  ts_wait "nodes ready" 30 ts_all_ready "$n" \
    || die 1 "not all $n nodes became Ready within 30 s: $(ts_docker 1 node ls 2>&1 | tr '\n' ' ')"
  for i in $(seq 1 "$n"); do
    local arch=amd64
    [ "$i" -eq "$(ts_arm_node "$n")" ] && arch=armhf
    ts_docker 1 node update --label-add "arch=$arch" --label-add "org.mailstack.test-node=$i" \
      --label-add "org.mailstack.ipv6-prefix=$(ts_prefix6 "$i")" "$(ts_ns "$i")" >/dev/null
  done
}

ts_all_ready() {
  [ "$(ts_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$')" -ge "$1" ]
}

ts_registry_up() {
  MAILSTACK_REGISTRY_DIR="$TS_DIR/registry"
  registry_up "$TS_HOST_REGISTRY" "$TS_DIR/registry"
  registry_up "$TS_LAN_REGISTRY" "$TS_DIR/registry" "$TS_LAN"
}

ts_up() {
  local n="${1:-3}" i start=$SECONDS
  case "$n" in ''|*[!0-9]*|0) die 2 "usage: test-swarm.sh up N (N ≥ 1)" ;; esac
  [ "$n" -le 9 ] || die 2 "at most 9 nodes"
  ts_check_env
  step "Test swarm '$TS_NAME': $n nodes on $TS_PREFIX.0/24 (state $TS_DIR)"
  mkdir -p "$TS_DIR"
  ts_lan_up
  ts_registry_up
  for i in $(seq 1 "$n"); do
    ts_node_up "$i" "$([ "$i" -eq "$(ts_arm_node "$n")" ] && echo 1 || echo 0)"
  done
  for i in $(seq 1 "$n"); do
    ts_wait "dockerd $i" 60 ts_node_answers "$i" || {
      tail -5 "$TS_DIR/n$i/dockerd.log" >&2 || true
      die 1 "dockerd of node $i did not answer within 60 s (log above: $TS_DIR/n$i/dockerd.log)"
    }
  done
  ts_swarm_form "$n"
  ok "Test swarm up: $n nodes in $((SECONDS - start)) s; manager $(ts_host 1); registry $TS_LAN_REGISTRY (push to $TS_HOST_REGISTRY)"
}

# Stops node I's dockerd with SIGTERM (SIGKILL leaves containerd shims behind), then anything left in its namespace.
ts_node_down() {
  local i="$1" ns dir pid
  ns="$(ts_ns "$i")"; dir="$TS_DIR/n$i"
  pid="$(cat "$dir/docker.pid" 2>/dev/null || cat "$dir/launcher.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    ts_wait "dockerd $i stopped" 30 ts_pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  if ts_ns_exists "$ns"; then
    local left
    left="$(ip netns pids "$ns" 2>/dev/null || true)"
    if [ -n "$left" ]; then
      # shellcheck disable=SC2086
      kill -TERM $left 2>/dev/null || true
      ts_wait "namespace $ns empty" 10 ts_ns_empty "$ns" || { # shellcheck disable=SC2046
        kill -KILL $(ip netns pids "$ns") 2>/dev/null || true; }
    fi
    ip netns del "$ns"
  fi
  local cg
  for cg in /sys/fs/cgroup/*/"$ns"; do
    [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  rm -rf "$dir"
}

ts_pid_gone() { ! kill -0 "$1" 2>/dev/null; }
ts_ns_empty() { [ -z "$(ip netns pids "$1" 2>/dev/null)" ]; }

ts_down() {
  local purge="${1:-}" i
  ts_check_env
  step "Tearing down test swarm '$TS_NAME'"
  ts_forwards_down
  for i in $(ts_nodes); do
    ts_node_down "$i" &
  done
  wait
  registry_down "$TS_DIR/registry" 2>/dev/null || true
  if ts_ns_exists "$TS_LAN"; then
    local left
    left="$(ip netns pids "$TS_LAN" 2>/dev/null || true)"
    # shellcheck disable=SC2086
    [ -z "$left" ] || kill -TERM $left 2>/dev/null || true
    ip netns del "$TS_LAN"
  fi
  if ts_ns_exists "$TS_OUT"; then
    ip netns del "$TS_OUT"
  fi
  if [ "$purge" = --purge ]; then
    rm -rf "$TS_DIR"
  fi
  ok "Test swarm '$TS_NAME' down"
}

# forward ADDR:PORT LOCALPORT: a socat in the LAN namespace listens on a UNIX socket and connects to ADDR:PORT;
# a socat here listens on 127.0.0.1:LOCALPORT and connects to that socket (UNIX sockets cross network namespaces).
ts_forward() {
  local target="${1:?forward ADDR:PORT LOCALPORT}" port="${2:?forward ADDR:PORT LOCALPORT}" fdir
  command -v socat >/dev/null 2>&1 || apt_install socat
  fdir="$TS_DIR/fwd-$port"
  mkdir -p "$fdir"
  ts_forward_down "$fdir"
  ip netns exec "$TS_LAN" setsid bash -c 'echo $$ >"$1/inner.pid"; exec socat UNIX-LISTEN:"$1/sock",fork,unlink-early TCP:"$2"' \
    _ "$fdir" "$target" >/dev/null 2>&1 </dev/null &
  setsid bash -c 'echo $$ >"$1/outer.pid"; exec socat TCP-LISTEN:"$2",bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:"$1/sock"' \
    _ "$fdir" "$port" >/dev/null 2>&1 </dev/null &
  ts_wait "forward $port" 10 ts_listening "$port" || die 1 "could not listen on 127.0.0.1:$port (taken?)"
  ok "127.0.0.1:$port → $target"
}

ts_listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

ts_forward_down() {
  local fdir="$1" f pid
  for f in "$fdir"/inner.pid "$fdir"/outer.pid; do
    pid="$(cat "$f" 2>/dev/null || true)"
    if [ -n "$pid" ] && grep -q socat "/proc/$pid/cmdline" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

ts_forwards_down() {
  local d
  for d in "$TS_DIR"/fwd-*; do
    [ -d "$d" ] || continue
    ts_forward_down "$d"
    rm -rf "$d"
  done
}

ts_cut()  { ip -n "$TS_LAN" link set "v$TS_NAME$1" down; ok "node $1 cut off"; }
ts_heal() { ip -n "$TS_LAN" link set "v$TS_NAME$1" up; ok "node $1 reconnected"; }

# Pushes the images into the swarm's registry (started here if needed, so this may run before 'up').
ts_publish() {
  ts_check_env
  mkdir -p "$TS_DIR"
  ts_lan_up
  ts_registry_up
  MAILSTACK_REGISTRY_DIR="$TS_DIR/registry" "$SWARM_LIB_DIR/../publish-images.sh" --registry "$TS_HOST_REGISTRY" "$@"
}

ts_main() {
  local cmd="${1:-status}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    up) ts_up "$@" ;;
    down) ts_down "$@" ;;
    status) ts_docker 1 node ls ;;
    docker) local i="${1:?docker I ARGS}"; shift; ts_docker "$i" "$@" ;;
    host) ts_host "${1:?host I}" ;;
    publish) ts_publish "$@" ;;
    forward) ts_forward "$@" ;;
    cut) ts_cut "${1:?cut I}" ;;
    heal) ts_heal "${1:?heal I}" ;;
    registry) echo "$TS_LAN_REGISTRY" ;;
    prefix6) ts_prefix6 "${1:?prefix6 I}" ;;
    outside) [ $# -gt 0 ] || die 2 "usage: test-swarm.sh outside CMD [ARGS]"; exec ip netns exec "$TS_OUT" "$@" ;;
    *) die 2 "usage: test-swarm.sh up N | down [--purge] | status | docker I ARGS | host I | publish | forward ADDR:PORT LOCALPORT | cut I | heal I | registry | prefix6 I | outside CMD" ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ts_main "$@"
fi
