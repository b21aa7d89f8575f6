#!/usr/bin/env bash
# IPv6 for the stack from one setting, MAILSTACK_IPV6_PREFIX: the prefix routed to this host (a /64, or a /48 to /63
# of which the first /64 is used). Every container then has its own routed address (ADR 14):
#   P::1 the host's side of the bridge mailstack-v6, P::25 the main system, P:1::/80 Docker's range,
#   P:a:xxxx:xxxx:xxxx one per account (mailctl derives it from the account's name).
#
#   scripts/lib/ipv6.sh check PREFIX   the host checks only (forwarding, router advertisements, on-link prefix)
#   scripts/lib/ipv6.sh setup PREFIX   on the manager: checks, the networks, this node's label; prints P::25
#   scripts/lib/ipv6.sh node PREFIX    on every other node, with the /64 routed to it: checks and its bridge
#                                      configuration; prints the label to set on a manager
# Used by ./mailstack up; DOCKER_HOST is honoured. Exit codes: 0 ok, 2 bad prefix, 3 the host is not ready.
set -euo pipefail

IPV6_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$IPV6_LIB_DIR/common.sh"

IPV6_NETWORK=mailstack-v6
IPV6_LOCAL_CONFIG=mailstack-v6-local
IPV6_NODE_LABEL=org.mailstack.ipv6-prefix

# The first 64 bits of PREFIX as four groups without leading zeros ("2001:db8:0:101"); exit 2 when malformed.
ipv6_first64() {
  local text="$1" addr len head tail groups=() h t i
  [[ "$text" =~ ^([0-9A-Fa-f:]+)/([0-9]+)$ ]] || die 2 "MAILSTACK_IPV6_PREFIX '$text' is not an IPv6 prefix such as 2001:db8:1::/64"
  addr="${BASH_REMATCH[1],,}"; len="${BASH_REMATCH[2]}"
  [ "$len" -ge 48 ] && [ "$len" -le 64 ] || die 2 "MAILSTACK_IPV6_PREFIX '$text': the length must be 48 to 64 (a /64 per node)"
  if [[ "$addr" == *::* ]]; then
    head="${addr%%::*}"; tail="${addr#*::}"
    IFS=: read -r -a h <<<"$head"; IFS=: read -r -a t <<<"$tail"
    groups=("${h[@]}")
    for ((i = ${#h[@]} + ${#t[@]}; i < 8; i++)); do groups+=(0); done
    groups+=("${t[@]}")
  else
    IFS=: read -r -a groups <<<"$addr"
  fi
  [ "${#groups[@]}" -eq 8 ] || die 2 "MAILSTACK_IPV6_PREFIX '$text' is not an IPv6 address"
  local out=() g bits
  for i in 0 1 2 3; do
    g="${groups[$i]:-0}"
    [[ "$g" =~ ^[0-9a-f]{1,4}$ ]] || die 2 "MAILSTACK_IPV6_PREFIX '$text' is not an IPv6 address"
    g=$((16#$g))
    # Clear the bits past the prefix length (a /56 keeps 8 bits of the fourth group).
    bits=$((len - 16 * i))
    if [ "$bits" -le 0 ]; then g=0; elif [ "$bits" -lt 16 ]; then g=$((g & (0xffff << (16 - bits)) & 0xffff)); fi
    out+=("$(printf '%x' "$g")")
  done
  case "${out[0]}" in
    2???|3???|fc??|fd??) ;;
    *) die 2 "MAILSTACK_IPV6_PREFIX '$text' is neither a global (2000::/3) nor a unique local (fc00::/7) prefix" ;;
  esac
  (IFS=:; echo "${out[*]}")
}

ipv6_sysctl() { cat "/proc/sys/net/ipv6/conf/$1/$2" 2>/dev/null || echo ""; }

# What the host must do, checked: IPv6 on, forwarding on (the host routes the prefix to its containers), router
# advertisements still accepted where the default route comes from them, and the prefix routed rather than on-link.
ipv6_check() {
  local p="$1" dev bad=0
  [ "$(ipv6_sysctl all disable_ipv6)" = 0 ] \
    || die 3 "IPv6 is disabled on this host (net.ipv6.conf.all.disable_ipv6=1): enable it, or unset MAILSTACK_IPV6_PREFIX"
  if [ "$(ipv6_sysctl all forwarding)" != 1 ]; then
    die 3 "this host does not forward IPv6, so the prefix $p::/64 cannot reach the containers. Run
      sysctl -w net.ipv6.conf.all.forwarding=1
    and keep it in /etc/sysctl.d/90-mailstack.conf; if the host takes its own default route from router
    advertisements, also set net.ipv6.conf.<uplink>.accept_ra=2 (forwarding stops accepting them otherwise)"
  fi
  for dev in $(ip -6 route show default 2>/dev/null | awk '/proto ra/ {for (i=1;i<NF;i++) if ($i=="dev") print $(i+1)}'); do
    if [ "$(ipv6_sysctl "$dev" accept_ra)" != 2 ]; then
      warn "the default route on $dev comes from router advertisements, which a forwarding host ignores: set net.ipv6.conf.$dev.accept_ra=2"
      bad=1
    fi
  done
  # On-link: a route for the prefix on an interface that is not Docker's bridge means the upstream router
  # expects the addresses there (neighbour discovery), not behind this host.
  dev="$(ip -6 route show "$p::/64" 2>/dev/null | awk '!/ via / {for (i=1;i<NF;i++) if ($i=="dev") print $(i+1)}' | grep -v '^br-' | head -n 1 || true)"
  if [ -n "$dev" ]; then
    warn "$p::/64 is on-link on $dev: the upstream router looks for each address there. Ask for the prefix to be routed to this host, or answer neighbour solicitations for it (ndppd, or net.ipv6.conf.$dev.proxy_ndp=1 with 'ip -6 neigh add proxy ADDRESS dev $dev' per address)"
    bad=1
  fi
  [ "$bad" = 0 ] && ok "IPv6: forwarding on, $p::/64 routed to this host"
  return 0
}

# The routed network: a per-node bridge configuration (the node's own /64) and one swarm-scoped network over them.
ipv6_local_config() {
  local p="$1" have
  have="$(docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' "$IPV6_LOCAL_CONFIG" 2>/dev/null || true)"
  if [ -z "$have" ]; then
    docker network create --config-only --ipv6 --subnet "$p::/64" --ip-range "$p:1::/80" --gateway "$p::1" \
      --label org.mailstack.role=ipv6 "$IPV6_LOCAL_CONFIG" >/dev/null
  elif [[ " $have " != *" $p::/64 "* ]]; then
    die 3 "this node's network configuration $IPV6_LOCAL_CONFIG has $have, not $p::/64. To change the prefix: remove every account service and the main stack, then 'docker network rm $IPV6_NETWORK $IPV6_LOCAL_CONFIG', and rerun"
  fi
}

# On a manager: the configuration of this node, the swarm network, and this node's label (mailctl reads it).
ipv6_network() {
  local p="$1" node
  ipv6_local_config "$p"
  if ! docker network inspect "$IPV6_NETWORK" >/dev/null 2>&1; then
    # A network made from a configuration takes no options of its own (not even labels).
    docker network create --driver bridge --scope swarm --config-from "$IPV6_LOCAL_CONFIG" "$IPV6_NETWORK" >/dev/null
  fi
  node="$(docker info -f '{{.Swarm.NodeID}}')"
  docker node update --label-add "$IPV6_NODE_LABEL=$p::/64" "$node" >/dev/null
  ok "IPv6 network $IPV6_NETWORK: $p::/64 on this node, main system $p::25"
}

ipv6_main() {
  local cmd="${1:-}" p
  [ $# -ge 2 ] || die 2 "usage: ipv6.sh check|setup|node PREFIX"
  p="$(ipv6_first64 "$2")"
  case "$cmd" in
    check) ipv6_check "$p" ;;
    setup) ipv6_check "$p"; ipv6_network "$p" >&2; echo "$p::25" ;;
    node)
      ipv6_check "$p"
      ipv6_local_config "$p"
      ok "IPv6 bridge configuration $IPV6_LOCAL_CONFIG: $p::/64 on this node"
      echo "docker node update --label-add $IPV6_NODE_LABEL=$p::/64 $(docker info -f '{{.Swarm.NodeID}}')" ;;
    *) die 2 "usage: ipv6.sh check|setup|node PREFIX" ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ipv6_main "$@"
fi
