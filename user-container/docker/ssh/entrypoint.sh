#!/bin/sh
# Starts as root, prepares SSH for the account's owner and the isolation around it, then runs the given command
# (run.sh and the jar) as the unprivileged mail user. See ADR 11.
#
#   box      (uid 1000)  the owner: logs in over SSH, owns /home/box; cannot read the secrets nor reach the network
#   mailer   (uid 1001, group box)  runs the JVM; reads copies of the secrets on tmpfs; shares the Maildir via group
#   root     only here and in sshd's privileged monitor; no CAP_NET_ADMIN once the rules are set
set -eu
home=${MAILSTACK_HOME:-/home/box}
secrets=${MAILSTACK_SECRETS:-/run/secrets}
log() { echo "entrypoint: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "not started as root: SSH is off"
  exec "$@"
fi

# The JVM's copies of its secrets, in memory, readable by it alone.
shm=/dev/shm/mailstack
install -d -m 0700 -o mailer -g root "$shm"
for f in password_hash relay_secret; do
  [ -f "$secrets/$f" ] && install -m 0400 -o mailer -g root "$secrets/$f" "$shm/$f"
done
# Secret files copied into the container's own layer can be locked; mounted Docker secrets are read-only.
for f in "$secrets"/*; do
  [ -f "$f" ] && { chown root:root "$f" && chmod 0400 "$f"; } 2>/dev/null || true
done

# The home is the volume: box owns it, the mail process writes through the group (setgid keeps the group).
chown box:box "$home"
chmod 2770 "$home"
find "$home" -xdev -type d ! -perm -2070 -exec chmod g+rwxs {} + 2>/dev/null || true
find "$home" -xdev -type f ! -perm -0060 -exec chmod g+rw {} + 2>/dev/null || true
# box owns the volume and may have planted symbolic links in it: root never follows one (find and chown -R do
# not; the host key path is checked). No session runs yet, so nothing can change between check and use.
[ -d "$home/.tls" ] && [ ! -L "$home/.tls" ] && chown -R -P mailer:box "$home/.tls"

ssh_off() { log "SSH is off: $*"; }
start_ssh() {
  if setpriv --reuid=box --regid=box --clear-groups test -r "$secrets/relay_secret" 2>/dev/null; then
    ssh_off "the relay secret is readable by box (recreate the service with mailctl to mount it root-only)"
    return
  fi
  # Docker's DNS (127.0.0.11, on loopback) would list every other account's service name to a session.
  if ! iptables -w -A OUTPUT -d 127.0.0.11 -m owner --uid-owner box -j REJECT 2>/dev/null \
      || ! iptables -w -A OUTPUT -o lo -j ACCEPT 2>/dev/null; then
    ssh_off "cannot confine sessions to this container (the service needs the NET_ADMIN capability)"
    return
  fi
  iptables -w -A OUTPUT -m owner --uid-owner box -j REJECT
  iptables -w -A INPUT -p tcp --dport 2222 -m conntrack --ctstate NEW -m hashlimit --hashlimit-name ssh \
    --hashlimit-mode srcip --hashlimit-above 10/minute --hashlimit-burst 10 -j DROP
  if ip6tables -w -A OUTPUT -o lo -j ACCEPT 2>/dev/null; then
    ip6tables -w -A OUTPUT -m owner --uid-owner box -j REJECT
    ip6tables -w -A INPUT -p tcp --dport 2222 -m conntrack --ctstate NEW -m hashlimit --hashlimit-name ssh6 \
      --hashlimit-mode srcip --hashlimit-above 10/minute --hashlimit-burst 10 -j DROP
  fi
  hash=$(cat "$secrets/password_hash" 2>/dev/null || true)
  case "$hash" in
    \$2[aby]\$[0-9][0-9]\$*) usermod -p "$hash" box ;;
    *) usermod -p '*' box; log "no password hash: SSH accepts keys only" ;;
  esac
  install -d -m 0755 /etc/ssh/authorized_keys
  if [ -f "$secrets/ssh_authorized_keys" ]; then
    install -m 0644 -o root -g root "$secrets/ssh_authorized_keys" /etc/ssh/authorized_keys/box
  fi
  # The host key lives in the volume so that it survives restarts and new images.
  keys="$home/.ssh" key="$home/.ssh/host_key"
  if [ -L "$keys" ] || { [ -e "$keys" ] && [ ! -d "$keys" ]; }; then rm -f "$keys"; fi
  if [ ! -d "$keys" ]; then mkdir -m 0755 "$keys" && chown box:box "$keys"; fi
  if [ -L "$key" ] || [ ! -f "$key" ] || [ ! -s "$key" ]; then
    rm -f "$key" "$key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "$(cat /etc/hostname 2>/dev/null || echo box)" -f "$key"
  fi
  chown root:root "$key" && chmod 0600 "$key"
  install -d -m 0755 /run/sshd
  # Detached: tini (PID 1) adopts and reaps it; its log goes to the container's stderr.
  # sshd's monitor keeps root's other capabilities (it must switch users) but not NET_ADMIN.
  ( setsid setpriv --inh-caps=-net_admin --bounding-set=-net_admin /usr/sbin/sshd -D -e </dev/null & )
  log "SSH listening on 2222 for box"
}
start_ssh

# The account's own routed IPv6 address, set by mailctl when the stack has one (ADR 14): IMAP and SSH on their
# standard ports. Without it the account still gets its mail through the main system.
if [ -n "${MAILSTACK_IPV6_ADDRESS:-}" ]; then
  mailstack-ipv6 "$MAILSTACK_IPV6_ADDRESS" 143:1143 993:1993 22:2222 || log "IPv6 is off for this account"
fi

# From here on nothing may change the firewall: NET_ADMIN leaves the bounding set of every later process.
umask 0007
exec setpriv --reuid=mailer --regid=box --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs \
  env MAILSTACK_SECRETS="$shm" HOME="$home" "$@"
