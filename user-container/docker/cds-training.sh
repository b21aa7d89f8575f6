#!/bin/bash
# cds-training.sh ARCHIVE: run once while the image is built. Starts the account's process on a throw-away account
# in a temporary directory, delivers one message to it over SMTP as the relay and reads it over IMAP (the start, the
# first delivery and a mail client's session: what every account's process loads), then stops it with SIGTERM. The
# JVM writes the classes it loaded to ARCHIVE (-XX:ArchiveClassesAtExit, a dynamic class-data-sharing archive over
# the runtime's own), which run.sh maps read-only in every account's process: one copy in the page cache instead of
# a metaspace in each. Without class-data sharing on the platform it writes nothing and the image works as before.
# On a 32-bit platform a failed run leaves the image without the archive instead of failing the build: a 32-bit JVM
# built under qemu cannot list a directory of the builder's disk (the JDK's own security policy directory among them).
set -euo pipefail
archive="$1"
# In memory when it can: a 32-bit JVM under qemu cannot list a directory of a disk with 64-bit offsets.
work="$(mktemp -d -p "$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo /tmp)")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/secrets" "$work/tmp"
printf '%s' 'cds-training-relay-secret' >"$work/secrets/relay_secret"
# bcrypt (cost 4) of "cds training": this account exists only for the seconds of this run.
printf '%s' '$2b$04$ueiTPrF9e5cnmr/DnW/Jh.55VguGxPL4jo6/wvY9lV174cb7tkQ.e' >"$work/secrets/password_hash"
box="box@training.example.invalid"

# shellcheck disable=SC2086
MAILSTACK_USER=training MAILSTACK_DOMAIN=example.invalid MAILSTACK_HOME="$work/home" \
  MAILSTACK_SECRETS="$work/secrets" MAILSTACK_IMAP_PLAIN_LOGIN=true MAILSTACK_SMTP_PORT=12525 \
  MAILSTACK_IMAP_PORT=11143 MAILSTACK_IMAPS_PORT=11993 \
  java $JAVA_OPTS -Djava.io.tmpdir="$work/tmp" -XX:ArchiveClassesAtExit="$archive" \
    -jar /opt/mailstack/user-container.jar &
jvm=$!

fail() {
  echo "training: $*" >&2
  kill -KILL "$jvm" 2>/dev/null || true
  rm -f "$archive"
  if [ "$(getconf LONG_BIT)" = 32 ]; then
    echo "training: 32-bit platform, the image goes without a class-data-sharing archive" >&2
    exit 0
  fi
  exit 1
}
trap 'fail "the exchange with the process failed (line $LINENO)"' ERR

# say FD LINE: sends LINE with CRLF; expect FD PREFIX: reads lines until one starts with PREFIX (30 s each).
say() { printf '%s\r\n' "$2" >&"$1"; }
expect() {
  local line
  while IFS= read -r -t 30 line <&"$1"; do
    line="${line%$'\r'}"
    [[ $line == "$2"* ]] && return 0
    [[ $line =~ ^[0-9]{3}\  || $line =~ ^[A-Za-z0-9]+\ (NO|BAD) ]] && { echo "training: got '$line'" >&2; return 1; }
  done
  echo "training: no '$2' within 30 s" >&2
  return 1
}

# The JVM starts in seconds natively and in a minute or two under qemu: bounded by 600 s.
for _ in $(seq 1 600); do
  kill -0 "$jvm" 2>/dev/null || fail "the process exited"
  if { exec 3<>/dev/tcp/127.0.0.1/12525; } 2>/dev/null; then break; fi
  sleep 1
done
expect 3 "220 "
say 3 "EHLO relay.training"; expect 3 "250 "
say 3 "AUTH PLAIN $(printf '\0relay\0cds-training-relay-secret' | base64 -w0)"; expect 3 "235 "
say 3 "MAIL FROM:<sender@example.invalid>"; expect 3 "250 "
say 3 "RCPT TO:<$box>"; expect 3 "250 "
say 3 "DATA"; expect 3 "354 "
printf '%s\r\n' "From: <sender@example.invalid>" "To: <$box>" "Subject: training" \
  "Date: Mon, 1 Jan 2024 00:00:00 +0000" "Message-ID: <training@example.invalid>" "" "One line." "." >&3
expect 3 "250 "
say 3 "QUIT"; expect 3 "221 "
exec 3<&- 3>&-

exec 4<>/dev/tcp/127.0.0.1/11143
expect 4 "* OK"
say 4 "a CAPABILITY"; expect 4 "a OK"
say 4 "b LOGIN $box \"cds training\""; expect 4 "b OK"
say 4 "c SELECT INBOX"; expect 4 "c OK"
say 4 "d FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[])"; expect 4 "d OK"
say 4 "e UID SEARCH ALL"; expect 4 "e OK"
say 4 "f STORE 1 +FLAGS (\\Seen)"; expect 4 "f OK"
say 4 "g LOGOUT"; expect 4 "g OK"
exec 4<&- 4>&-

trap - ERR
kill -TERM "$jvm"
wait "$jvm" || true
if [ -s "$archive" ]; then
  echo "training: $(wc -c <"$archive") bytes of classes in $archive"
else
  echo "training: no class-data-sharing archive on this platform" >&2
  rm -f "$archive"
fi
