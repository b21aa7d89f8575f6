#!/usr/bin/env bash
# bench/backup/run.sh: how long `mailctl backup` and `mailctl restore` take for one account of N messages (default
# 10,000 of 4 KiB), beside the floor measured in the same run: a plain tar of the same volume by a one-shot container,
# what any copy of the volume costs. Figures, never pass/fail.
#
#   bench/backup/run.sh [--messages N] [--size BYTES]
#
# Needs the stack up (./mailstack up) and the mailctl jar (scripts/mailctl builds it). Makes one account named
# bkbench<random>, fills its Maildir through its owner's shell (docker exec as "box": files in Maildir/new, as a
# delivery leaves them), and deletes it and its archive at the end. Every step that fails says which it was.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../../scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

messages=10000
size=4096
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages="${2:?}"; shift 2 ;;
    --size) size="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die 2 "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $messages =~ ^[1-9][0-9]{0,6}$ && $size =~ ^[1-9][0-9]{2,7}$ ]] || die 2 "--messages 1..9999999, --size 100..99999999"

USER_NAME="bkbench$RANDOM"
WORK="$(mktemp -d /tmp/mailstack-backup-bench.XXXXXX)"
MAILCTL="$ROOT/scripts/mailctl"
stage="start"
cleanup() {
  local rc=$?
  [ "$rc" -eq 0 ] || echo "bench/backup: stopped at: $stage (exit $rc)" >&2
  "$MAILCTL" delete "$USER_NAME" --purge --yes >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
container_of() { docker ps -q --filter "label=com.docker.swarm.service.name=user-$1" | head -1; }

stage="creating the account"
docker service inspect mailstack_main >/dev/null 2>&1 || die 1 "the stack is not up: run ./mailstack up first"
printf 'bench password %s\n' "$RANDOM$RANDOM" | "$MAILCTL" create "$USER_NAME" --password-stdin >/dev/null
container="$(container_of "$USER_NAME")"
[ -n "$container" ] || die 1 "no container of $USER_NAME runs on this node"

stage="filling the Maildir with $messages messages"
python3 - "$messages" "$size" <<'PY' | docker exec -i -u box "$container" tar -x -C /home/box/Maildir/new
import io, sys, tarfile, time
count, size = int(sys.argv[1]), int(sys.argv[2])
body = (b"x" * 76 + b"\r\n") * max(1, (size - 300) // 78)
now = int(time.time())
with tarfile.open(fileobj=sys.stdout.buffer, mode="w|") as tar:
    for i in range(count):
        data = (b"From: bench@example.test\r\nTo: box@example.test\r\nSubject: backup bench %d\r\n"
                b"Message-ID: <bench-%d@example.test>\r\n\r\n" % (i, i)) + body
        info = tarfile.TarInfo("%d.M%dP1.bench" % (now, i))
        info.size, info.mtime, info.mode = len(data), now, 0o640
        tar.addfile(info, io.BytesIO(data))
PY
volume="user-$USER_NAME-home"
bytes="$(docker exec "$container" du -sb /home/box/Maildir | cut -f1)"

stage="the floor: tar of the volume"
t0="$(seconds)"
docker run --rm -v "$volume:/v:ro" --entrypoint tar mailstack/user-container:latest -C /v -cf - . | wc -c >/dev/null
floor="$(elapsed "$t0" "$(seconds)")"

stage="mailctl backup"
t0="$(seconds)"
archive="$("$MAILCTL" backup "$USER_NAME" --to "$WORK" 2>/dev/null | tail -1)"
backup="$(elapsed "$t0" "$(seconds)")"
[ -f "$archive" ] || die 1 "mailctl backup printed no archive"

stage="deleting the account"
"$MAILCTL" delete "$USER_NAME" --purge --yes >/dev/null

stage="mailctl restore"
t0="$(seconds)"
"$MAILCTL" restore "$archive" >/dev/null 2>&1
restore="$(elapsed "$t0" "$(seconds)")"

stage="counting the restored messages"
container="$(container_of "$USER_NAME")"
restored="$(docker exec "$container" bash -c 'find /home/box/Maildir -type f -path "*/new/*" -o -type f -path "*/cur/*" | wc -l')"
[ "$restored" -eq "$messages" ] || die 1 "restored $restored messages of $messages"

printf '%s, %s messages of %s bytes (%s MiB in the Maildir), archive %s MiB\n' "$(date -u +%F)" "$messages" "$size" \
  "$((bytes / 1048576))" "$(( $(stat -c %s "$archive") / 1048576 ))"
printf '%-34s %8s s\n' "tar of the volume (the floor)" "$floor" "mailctl backup" "$backup" \
  "mailctl restore (to healthy)" "$restore"
stage="done"
