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
