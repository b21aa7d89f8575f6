#!/usr/bin/env bash
# Deliveries per second into a Maildir, durable (fsync), by the user container's delivery code and by Debian's
# dovecot-lda, on the same disk with the same messages. Prints figures; never passes or fails.
#
#   bench/delivery/run.sh [COUNT] [WORKDIR]     defaults: 500 messages, bench/delivery/target/work
#   ROUNDS=3 (default): every measurement is repeated, interleaved, and the median is reported, because the
#   machine's load changes while the script runs.
#
# Needs: a JDK 17 (java), Maven for the first build, dovecot-core (apt-get install dovecot-core) for dovecot-lda,
# optionally dovecot-lmtpd for the LMTP comparison (its server runs on 127.0.0.1 while measured, then is stopped).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${1:-500}"
rounds="${ROUNDS:-3}"
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
record() { rate["$1"]+="$(sed -n 's/.*rate=\([0-9.]*\).*/\1/p' <<<"$2") "; }
median() { tr ' ' '\n' <<<"${rate[$1]}" | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
run_java() {
  local mode="$1" threads="$2" dir="$work/mailstack-$1-$2"
  rm -rf "$dir"
  local line; line=$(bench "$mode" "$work/messages" "$dir/Maildir" "$threads")
  echo "mailstack $line"
  record "mailstack-$mode-$threads" "$line"
}

if [ ! -x "$lda" ]; then
  echo "dovecot-lda not found: apt-get install dovecot-core, then run again for the comparison"; exit 1
fi

# dovecot-lda refuses to run as root without a userdb service; run it as nobody when we are root.
as_user=()
uid=$(id -u); gid=$(id -g); user=$(id -un)
if [ "$uid" = 0 ]; then
  uid=65534; gid=65534; user=nobody
  as_user=(setpriv --reuid=$uid --regid=$gid --clear-groups)
fi
# A fresh directory DIR with DIR/home, DIR/run and a dovecot.conf with the settings both Dovecot runs share.
dovecot_dir() {
  local dir="$1"
  rm -rf "$dir"; mkdir -p "$dir/home" "$dir/run"
  cat > "$dir/dovecot.conf" <<CONF
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
}
run_dovecot() {
  local parallel="$1" dir="$work/dovecot-$1"
  dovecot_dir "$dir"
  echo "protocols =" >> "$dir/dovecot.conf"
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
  rate["dovecot-$parallel"]+="$r "
}

# Dovecot's LMTP server: one long-running process like the user container, so no per-message process start.
run_lmtp() {
  local threads="$1" dir="$work/dovecot-lmtp-$1" port=$((24100 + $1))
  dovecot_dir "$dir"
  cat >> "$dir/dovecot.conf" <<CONF
protocols = lmtp
listen = 127.0.0.1
default_internal_user = $user
default_internal_group = $(id -gn "$user")
default_login_user = $user
passdb {
  driver = static
  args = nopassword=y
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/home
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $port
  }
}
service anvil {
  chroot =
}
CONF
  [ "$uid" = "$(id -u)" ] || chown -R "$uid:$gid" "$dir/home"
  /usr/sbin/dovecot -c "$dir/dovecot.conf"
  local line; line=$(bench lmtp "$work/messages" "$port" "$threads" || true)
  kill "$(cat "$dir/run/master.pid")"
  local delivered; delivered=$(find "$dir/home/Maildir/new" "$dir/home/Maildir/cur" -type f 2>/dev/null | wc -l)
  echo "dovecot-$line delivered=$delivered"
  record "lmtp-$threads" "$line"
}
for round in $(seq "$rounds"); do
  echo "round $round of $rounds"
  run_java agent 1; run_dovecot 1
  run_java smtp 1; [ ! -x /usr/lib/dovecot/lmtp ] || run_lmtp 1
  run_java agent 8; run_dovecot 8
  run_java smtp 8; [ ! -x /usr/lib/dovecot/lmtp ] || run_lmtp 8
done

ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "median deliveries per second over $rounds rounds:"
for key in mailstack-agent-1 mailstack-smtp-1 dovecot-1 lmtp-1 mailstack-agent-8 mailstack-smtp-8 dovecot-8 lmtp-8; do
  [ -z "${rate[$key]:-}" ] || printf '  %-18s %8s   (rounds: %s)\n' "$key" "$(median "$key")" "${rate[$key]% }"
done
echo
echo "ratios (mailstack / dovecot-lda, higher is faster):"
echo "  1 at a time: agent $(ratio mailstack-agent-1 dovecot-1)×, over SMTP $(ratio mailstack-smtp-1 dovecot-1)×"
echo "  8 at a time: agent $(ratio mailstack-agent-8 dovecot-8)×, over SMTP $(ratio mailstack-smtp-8 dovecot-8)×"
if [ -n "${rate[lmtp-1]:-}" ]; then
  echo "mailstack over SMTP / Dovecot over LMTP (both long-running servers):"
  echo "  1 session: $(ratio mailstack-smtp-1 lmtp-1)×, 8 sessions: $(ratio mailstack-smtp-8 lmtp-8)×"
fi
echo
echo "notes: dovecot-lda is one process per message (its normal use as an MDA); Dovecot (LDA and LMTP) also updates its index and"
echo "uidlist; the mailstack store assigns UIDs later, at the first IMAP sync. 'agent' is the delivery code alone,"
echo "'smtp' adds the receiver and one loopback SMTP session per thread. No Sieve rules on either side."
