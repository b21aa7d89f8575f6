#!/bin/bash
# Starts redis (localhost only, data in /var/lib/redis) and rspamd in the foreground; when either stops, the other
# is stopped and the container exits, so Docker restarts both.
set -euo pipefail

# The controller (web UI, rspamc): on localhost only, unless the stack gives it a password as a Docker secret
# (rspamd_controller_password); then on every interface, the password required.
controller=/etc/rspamd/local.d/worker-controller.inc
if [ -s /run/secrets/rspamd_controller_password ]; then
  hash="$(rspamadm pw -q -p "$(cat /run/secrets/rspamd_controller_password)")"
  printf 'bind_socket = "*:11334";\npassword = "%s";\n' "$hash" > "$controller"
else
  printf 'bind_socket = "127.0.0.1:11334";\n' > "$controller"
fi

# The resolver rspamd asks for SPF, DKIM, DMARC and blocklists: MAILSTACK_RSPAMD_DNS, one or more "address" or
# "address:port" separated by commas (IPv6 as "[address]:port"). Unset: the container's /etc/resolv.conf (Docker's).
# MAILSTACK_RSPAMD_CHECK_LOCAL=on: mail from private and loopback addresses is checked like any other (rspamd skips
# SPF, DKIM and DMARC for them by default); such clients are still not greylisted (greylist.conf).
options=/etc/rspamd/local.d/options.inc
: > "$options"
if [ -n "${MAILSTACK_RSPAMD_DNS:-}" ]; then
  servers=""
  IFS=, read -r -a entries <<<"$MAILSTACK_RSPAMD_DNS"
  for entry in "${entries[@]}"; do
    entry="${entry// /}"
    if ! [[ "$entry" =~ ^([0-9]{1,3}(\.[0-9]{1,3}){3}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?)$ ]]; then
      echo "MAILSTACK_RSPAMD_DNS: '$entry' is not an IPv4 address[:port] or [IPv6 address][:port]" >&2
      exit 2
    fi
    servers="$servers${servers:+, }\"$entry\""
  done
  printf 'dns {\n  nameserver = [%s];\n}\n' "$servers" >> "$options"
  # The few names rspamd resolves through the C library (at start: the fuzzy servers, upstreams given by name) go to
  # the same resolvers: those on port 53, the only port resolv.conf can name.
  resolv=""
  for entry in "${entries[@]}"; do
    entry="${entry// /}"
    case "$entry" in
      \[*\]|\[*\]:53) entry="${entry#[}"; resolv="${resolv}nameserver ${entry%%]*}"$'\n' ;;
      *:*:*) ;;
      *:53|*[0-9]) [[ "$entry" == *:* && "$entry" != *:53 ]] || resolv="${resolv}nameserver ${entry%:53}"$'\n' ;;
    esac
  done
  if [ -n "$resolv" ]; then
    printf '%s' "$resolv" > /etc/resolv.conf
  else
    echo "none of MAILSTACK_RSPAMD_DNS is on port 53: names resolved through the C library still ask Docker's resolver" >&2
  fi
  echo "rspamd asks the DNS resolver(s) $MAILSTACK_RSPAMD_DNS (MAILSTACK_RSPAMD_DNS)"
fi
case "${MAILSTACK_RSPAMD_CHECK_LOCAL:-off}" in
  on) printf 'check_local = true;\n' >> "$options"
      echo "mail from private and loopback addresses is checked like any other (MAILSTACK_RSPAMD_CHECK_LOCAL=on)" ;;
  off|'') ;;
  *) echo "MAILSTACK_RSPAMD_CHECK_LOCAL must be on or off, not '$MAILSTACK_RSPAMD_CHECK_LOCAL'" >&2; exit 2 ;;
esac

mkdir -p /var/lib/redis /var/lib/rspamd /run/rspamd
chown redis:redis /var/lib/redis
chown _rspamd:_rspamd /var/lib/rspamd /run/rspamd

setpriv --reuid=redis --regid=redis --init-groups \
  redis-server --bind 127.0.0.1 --port 6379 --protected-mode yes --dir /var/lib/redis \
  --appendonly yes --save '' --daemonize no --logfile '' &
redis=$!

rspamd -f -u _rspamd -g _rspamd &
rspamd=$!

stop() {
  kill -TERM "$rspamd" "$redis" 2>/dev/null || true
}
trap stop TERM INT

# The first of the two to end (or SIGTERM) ends the container.
wait -n "$rspamd" "$redis" || true
stop
wait || true
