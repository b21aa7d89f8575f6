#!/bin/sh
# Starts the application jar given as $1 with the image's JVM settings (JAVA_OPTS) as the unprivileged user
# mailstack. The container starts as root only for this step: when the Docker socket is mounted (the account
# directory reads service labels through it), the process joins the socket's group, whatever its number on the host.
set -eu
jar="$1"; shift
sock=/var/run/docker.sock
if [ "$(id -u)" -eq 0 ]; then
  groups=mailstack
  if [ -S "$sock" ]; then
    groups="$groups,$(stat -c %g "$sock")"
  fi
  # The relay key is a root-owned 0400 Docker secret: hand the process a copy on tmpfs (memory only) it can read.
  key="${MAILSTACK_RELAY_KEY_FILE:-/run/secrets/relay_key}"
  if [ -r "$key" ] && [ -d /dev/shm ]; then
    install -d -m 0700 -o mailstack -g mailstack /dev/shm/mailstack
    install -m 0400 -o mailstack -g mailstack "$key" /dev/shm/mailstack/relay_key
    export MAILSTACK_RELAY_KEY_FILE=/dev/shm/mailstack/relay_key
  fi
  # The smarthost's password, when the stack gives one (MAILSTACK_SMARTHOST_USER): the same, a tmpfs copy. Only its
  # path is in the environment, never the password.
  pw="${MAILSTACK_SMARTHOST_PASSWORD_FILE:-/run/secrets/smarthost_password}"
  if [ -n "${MAILSTACK_SMARTHOST_USER:-}" ] && [ -r "$pw" ] && [ -d /dev/shm ]; then
    install -d -m 0700 -o mailstack -g mailstack /dev/shm/mailstack
    install -m 0400 -o mailstack -g mailstack "$pw" /dev/shm/mailstack/smarthost_password
    export MAILSTACK_SMARTHOST_PASSWORD_FILE=/dev/shm/mailstack/smarthost_password
  fi
  # rspamd's controller password (ADR 24), when the stack gives one, the same way.
  pw="${MAILSTACK_RSPAMD_CONTROLLER_PASSWORD_FILE:-/run/secrets/rspamd_controller_password}"
  if [ -r "$pw" ] && [ -d /dev/shm ]; then
    install -d -m 0700 -o mailstack -g mailstack /dev/shm/mailstack
    install -m 0400 -o mailstack -g mailstack "$pw" /dev/shm/mailstack/rspamd_controller_password
    export MAILSTACK_RSPAMD_CONTROLLER_PASSWORD_FILE=/dev/shm/mailstack/rspamd_controller_password
  fi
  # The main system's own routed IPv6 address (ADR 14): every protocol on its standard port, the client's real
  # address visible. The operator asked for it: without it the container does not start.
  if [ -n "${MAILSTACK_IPV6_ADDRESS:-}" ]; then
    mailstack-ipv6 "$MAILSTACK_IPV6_ADDRESS" 25:2525 465:4465 587:5587 143:1143 993:1993 443:8443
  fi
  # State and spool volumes may come from an older image or a fresh named volume owned by root.
  chown mailstack:mailstack /var/spool/mailstack /var/lib/mailstack /run/mailstack-directory 2>/dev/null || true
  # shellcheck disable=SC2086
  exec setpriv --reuid=mailstack --regid=mailstack --groups="$groups" --inh-caps=-all --bounding-set=-all \
    --no-new-privs env HOME=/var/lib/mailstack java $JAVA_OPTS -jar "$jar" "$@"
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "$jar" "$@"
