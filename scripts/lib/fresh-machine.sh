#!/usr/bin/env bash
# fresh-machine.sh: the README's quick start on a machine that has nothing yet, as a new user has it.
#
# A machine that has run the project before hides what a new one lacks: an installed engine, cached images, project
# artifacts in ~/.m2. This check starts a throwaway "machine" instead: a container with the rights of a machine, from the project's
# Debian base image, with no Docker engine, no JDK, no Maven, no image and an empty Maven repository, its engine's
# data on a volume of its own. Into it goes the committed tree (what a clone gives), then, inside it:
#   1. ./mailstack up                          (installs the engine, JDK and Maven, builds, deploys)
#   2. scripts/createAccount.sh                (one account)
#   3. one message to port 25, read back over IMAPS through the main container's proxy.
# Everything it creates on the host (one container, one volume) is removed at the end, pass or fail.
#
#   scripts/lib/fresh-machine.sh        needs root, a running engine and the base image (./mailstack setup)
# Settings: MAILSTACK_FRESH_TIMEOUT (minutes for step 1, default 50); MAILSTACK_FRESH_REV (the commit to try,
# default HEAD: an older one shows what this check catches).
# Exit codes: 0 every step worked; 1 a step failed (its output is above, the inner engine's log is printed);
# 3 environment (no engine, no base image, not root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/scripts/lib/common.sh"

NAME=mailstack-fresh-machine
VOLUME=mailstack-fresh-machine-engine
BASE_IMAGE=debian:bookworm-slim
ACCOUNT=freshcheck
DOMAIN=example.test   # the default: no mailstack.conf, as after a clone
TIMEOUT_MIN="${MAILSTACK_FRESH_TIMEOUT:-50}"
REV="${MAILSTACK_FRESH_REV:-HEAD}"

[ "$(id -u)" -eq 0 ] || die 3 "the fresh-machine check runs a privileged container: run it as root"
docker info >/dev/null 2>&1 || die 3 "no Docker engine answers: run ./mailstack setup first"
docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || die 3 "$BASE_IMAGE is missing: run ./mailstack setup first"

cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  docker volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
# Inside the throwaway machine: bash, with a prefix on every line so its output reads apart from the host's.
inside() {
  docker exec -i "$NAME" bash -c "$1" 2>&1 | sed -u 's/^/    | /'
  return "${PIPESTATUS[0]}"
}
failed() {
  warn "$1; the inner engine's last log lines:"
  docker exec "$NAME" tail -30 /var/log/mailstack-dockerd.log 2>/dev/null | sed 's/^/    | /' >&2 || true
  die 1 "fresh-machine check failed: $1"
}

cleanup
trap cleanup EXIT
step "Fresh machine: a container from $BASE_IMAGE, nothing installed, engine data on volume $VOLUME"
docker volume create "$VOLUME" >/dev/null
# The engine inside keeps its layers on a volume (overlayfs cannot stack on the container's own overlayfs).
# Not --privileged: that asks for every capability the kernel knows, and a host that is itself a container may lack
# some (CAP_SYS_RESOURCE here), so runc refuses to start. Instead: every capability but that one, no seccomp or
# AppArmor profile, every device, then /sys, /proc/sys and the cgroup hierarchies made writable as --privileged would.
caps=(CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE
      NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN
      SYS_BOOT SYS_NICE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN
      SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ)
docker run -d --name "$NAME" "${caps[@]/#/--cap-add=}" --security-opt seccomp=unconfined \
  --security-opt apparmor=unconfined --device-cgroup-rule 'a *:* rwm' --init --hostname fresh-machine \
  -v "$VOLUME:/var/lib/docker" "$BASE_IMAGE" sleep infinity >/dev/null
docker exec "$NAME" sh -c 'mount -o remount,rw /sys && mount -o remount,rw /proc/sys \
  && for d in /sys/fs/cgroup/*; do
       n="${d##*/}"; umount "$d"
       if [ "$n" = systemd ]; then mount -t cgroup -o none,name=systemd cgroup "$d"; else mount -t cgroup -o "$n" cgroup "$d"; fi
     done' || die 1 "could not make /sys, /proc/sys and the cgroups writable inside the throwaway machine"
# A host whose HTTPS goes through an inspecting proxy trusts that proxy's CA; the new machine must trust it too, as
# any machine on that network would. Debian's ca-certificates picks up /usr/local/share/ca-certificates when the
# JDK's installation brings it in.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  docker exec "$NAME" mkdir -p /usr/local/share/ca-certificates
  for crt in /usr/local/share/ca-certificates/*.crt; do
    docker cp "$crt" "$NAME:/usr/local/share/ca-certificates/"
  done
fi
# What a clone gives: the committed tree, nothing built, no local settings.
docker exec "$NAME" mkdir -p /root/mailstack
(cd "$ROOT" && git archive --format=tar "$REV") | docker exec -i "$NAME" tar -x -C /root/mailstack
ok "Committed tree $(cd "$ROOT" && git rev-parse --short "$REV") copied in; no engine, JDK, Maven or image inside"

step "Inside: ./mailstack up (engine, JDK and Maven installed, base images, build, deploy; up to $TIMEOUT_MIN min)"
start=$SECONDS
# Debian's default mirror needs no registry; the base image is built with debootstrap as CI does on the host.
# The rspamd image is built but not run: its service would ask public DNS and map servers (ADR 20).
inside "cd /root/mailstack && MAILSTACK_BASE_SOURCE=debootstrap MAILSTACK_SPAM_FILTER=off timeout ${TIMEOUT_MIN}m ./mailstack up" \
  || failed "'./mailstack up' on a fresh machine exited non-zero"
ok "./mailstack up worked the first time, in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s"

step "Inside: scripts/createAccount.sh $ACCOUNT"
inside "cd /root/mailstack && printf 'fresh-Machine-1\n' | scripts/createAccount.sh $ACCOUNT --password-stdin" \
  || failed "createAccount.sh on the fresh machine exited non-zero"

step "Inside: one message to port 25, read back over IMAPS (curl as the client)"
inside "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null" \
  || failed "installing curl (the check's own client) failed"
marker="fresh-machine-$(date +%s)-$RANDOM"
inside "printf 'From: someone@elsewhere.test\r\nTo: box@$ACCOUNT.$DOMAIN\r\nSubject: $marker\r\n\r\nfirst mail\r\n' \
        > /tmp/mail.txt && curl -sS --max-time 60 smtp://127.0.0.1:25 --mail-from someone@elsewhere.test \
        --mail-rcpt box@$ACCOUNT.$DOMAIN --upload-file /tmp/mail.txt" \
  || failed "port 25 did not accept the message"
# The main queue forwards it to the account's container; read INBOX until it is there (bounded: 60 tries, 2 s apart).
# -k: the stack made itself a self-signed certificate, which is what a fresh machine has.
found=""
for _ in $(seq 1 60); do
  if docker exec "$NAME" curl -sSk --max-time 20 -u "box@$ACCOUNT.$DOMAIN:fresh-Machine-1" \
       "imaps://127.0.0.1:993/INBOX;UID=1" 2>/dev/null | grep -q "$marker"; then
    found=1
    break
  fi
  sleep 2
done
[ -n "$found" ] || failed "the message sent to port 25 did not appear in the account's INBOX over IMAPS within 120 s"
ok "Message read back over IMAPS: the quick start works on a fresh machine"
