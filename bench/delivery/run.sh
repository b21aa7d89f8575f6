#!/usr/bin/env bash
# Deliveries per second into a Maildir, durable (fsync), by the user container's delivery code and by Debian's
# dovecot-lda, on the same disk with the same messages. Prints figures; never passes or fails.
#
#   bench/delivery/run.sh [COUNT] [WORKDIR]     defaults: 1000 messages, bench/delivery/target/work
#
# Needs: a JDK 17 (java), Maven for the first build, dovecot-core (apt-get install dovecot-core) for dovecot-lda.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${1:-1000}"
work="${2:-$here/target/work}"
app="$root/user-container/target/app"
lda=/usr/lib/dovecot/dovecot-lda

if [ ! -f "$app/user-container.jar" ]; then
  echo "building the user container application…"
  (cd "$root" && mvn -B -q -pl user-container -am package -DskipTests -Dexec.skip=true)
fi
cp="$app/user-container.jar:$app/lib/*"
bench() { java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$here/DeliveryBench.java" "$@"; }

rm -rf "$work"; mkdir -p "$work"
echo "generating $count messages in $work/messages"
bench generate "$work/messages" "$count"
size=$(du -sk "$work/messages" | cut -f1)
echo "messages: $count, ${size} KiB in total; disk: $(df -h "$work" | awk 'NR==2 {print $1" ("$2")"}')"
echo

declare -A rate
run_java() {
  local mode="$1" threads="$2" dir="$work/mailstack-$1-$2"
  local line; line=$(bench "$mode" "$work/messages" "$dir/Maildir" "$threads")
  echo "mailstack $line"
  rate["mailstack-$mode-$threads"]=$(sed -n 's/.*rate=\([0-9.]*\).*/\1/p' <<<"$line")
}
run_java agent 1
run_java smtp 1
run_java agent 8
run_java smtp 8

if [ ! -x "$lda" ]; then
  echo; echo "dovecot-lda not found: apt-get install dovecot-core, then run again for the comparison"; exit 0
fi

# dovecot-lda refuses to run as root without a userdb service; run it as nobody when we are root.
as_user=()
uid=$(id -u); gid=$(id -g); user=$(id -un)
if [ "$uid" = 0 ]; then
  uid=65534; gid=65534; user=nobody
  as_user=(setpriv --reuid=$uid --regid=$gid --clear-groups)
fi
run_dovecot() {
  local parallel="$1" dir="$work/dovecot-$1"
  mkdir -p "$dir/home" "$dir/run"
  cat > "$dir/dovecot.conf" <<CONF
protocols =
ssl = no
base_dir = $dir/run
state_dir = $dir/run
log_path = $dir/dovecot.log
info_log_path = /dev/null
mail_location = maildir:~/Maildir
# Durable like the user container: fsync files and directories at every delivery.
mail_fsync = always
postmaster_address = postmaster@example.test
CONF
  touch "$dir/dovecot.log"
  [ "$uid" = "$(id -u)" ] || chown -R "$uid:$gid" "$dir"
  chmod o+x "$work" "$dir"
  local start end
  start=$(date +%s.%N)
  find "$work/messages" -name '*.eml' | sort | xargs -P "$parallel" -I{} \
    "${as_user[@]}" env HOME="$dir/home" USER="$user" sh -c "exec $lda -c '$dir/dovecot.conf' -e -f sender@example.org < '{}'"
  end=$(date +%s.%N)
  local delivered; delivered=$(find "$dir/home/Maildir/new" "$dir/home/Maildir/cur" -type f | wc -l)
  local r; r=$(awk -v n="$count" -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", n / (e - s)}')
  printf 'dovecot-lda processes=%d messages=%d delivered=%d seconds=%.2f rate=%s\n' \
    "$parallel" "$count" "$delivered" "$(awk -v s="$start" -v e="$end" 'BEGIN {print e - s}')" "$r"
  rate["dovecot-$parallel"]=$r
}
run_dovecot 1
run_dovecot 8

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "ratios (mailstack / dovecot-lda, higher is faster):"
echo "  1 at a time: agent $(ratio "${rate[mailstack-agent-1]}" "${rate[dovecot-1]}")×," \
     "over SMTP $(ratio "${rate[mailstack-smtp-1]}" "${rate[dovecot-1]}")×"
echo "  8 at a time: agent $(ratio "${rate[mailstack-agent-8]}" "${rate[dovecot-8]}")×," \
     "over SMTP $(ratio "${rate[mailstack-smtp-8]}" "${rate[dovecot-8]}")×"
echo
echo "notes: dovecot-lda is one process per message (its normal use as an MDA) and also updates its index and"
echo "uidlist; the mailstack store assigns UIDs later, at the first IMAP sync. 'agent' is the delivery code alone,"
echo "'smtp' adds the receiver and one loopback SMTP session per thread. No Sieve rules on either side."
