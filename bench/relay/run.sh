#!/usr/bin/env bash
# Messages per second end to end, relay → account container → Maildir (fsync'd), under Postfix's smtp-source:
# mailstack's main container relaying to a user container, beside Debian's Postfix handing to Dovecot LMTP, both in
# containers on this engine, same messages, same client. Prints both rates and their ratio; never passes or fails.
#
#   bench/relay/run.sh [COUNT] [SESSIONS]      defaults: 1000 messages, 8 parallel sessions
#   SIZE_KIB=4     size of each message
#   ROUNDS=1       rounds, each with fresh containers (a cold JVM, as after a deployment); medians are printed
#   MAIN_IMAGE, USER_IMAGE   the images measured (default mailstack/main-container:latest, mailstack/user-container:latest)
#   MAIN_ENV="MAILSTACK_X=1 ..."   extra settings of the main container (e.g. MAILSTACK_QUEUE_WORKERS=8)
#   SPAM=off       off: the main container without a spam filter; on: with the stack's rspamd (image
#                  mailstack/rspamd:latest, RSPAMD_IMAGE); both: each round measures mailstack without and with it.
#                  rspamd asks only main-container's TestDns (target/test-classes, run in a container of the main
#                  image), which answers NXDOMAIN at once: the figure is rspamd's own work, not DNS latency, and
#                  nothing leaves the machine. MAILSTACK_RSPAMD_CHECK_LOCAL=on: the bench's private addresses get
#                  SPF, DKIM and DMARC as Internet mail does. One rspamd serves every round (its first start compiles
#                  its expressions for a minute or two; it is measured only once it answers).
#   LOGS=DIR       keeps each container's log there (the main container logs each message queued and delivered,
#                  the user container each delivery with its duration, all with millisecond times)
#   JFR=1          with LOGS: both JVMs also keep a flight recording (JFR, settings "profile"), saved there as
#                  main<round>.jfr and user<round>.jfr (read with `jfr print --events jdk.FileForce FILE`, ...)
#
# Times are taken inside the containers: the start when the client starts sending, the end from the change time
# (ctime) of the last message file in the Maildir, which link(2) or rename(2) set when the message arrived; so the
# figures do not depend on how often the script looks.
#
# Needs: Docker with the two images (built by `mvn -pl main-container,user-container -am package` and
# scripts/lib/build-image.sh, or under other names given above), a swarm (for the account label) and the base image
# mailstack/jre:17. Builds mailstack-bench/postfix-dovecot once (Debian's Postfix and Dovecot); the client,
# smtp-source, runs in a container of that image too. Everything it creates is labelled org.mailstack.bench=relay,
# named after the run, and removed at the end; nothing is published on the host.
#
# It never ends without saying why: every failure prints the stage it stopped in, the exit code, the failing line,
# and the state and last log lines of its containers.
set -Eeuo pipefail
shopt -s inherit_errexit
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
count="${1:-1000}"
sessions="${2:-8}"
size_kib="${SIZE_KIB:-4}"
rounds="${ROUNDS:-1}"
main_image="${MAIN_IMAGE:-mailstack/main-container:latest}"
spam="${SPAM:-off}"
rspamd_image="${RSPAMD_IMAGE:-mailstack/rspamd:latest}"
test_classes="$here/../../main-container/target/test-classes"
user_image="${USER_IMAGE:-mailstack/user-container:latest}"
ref_image=mailstack-bench/postfix-dovecot
domain=bench.example.test
label=org.mailstack.bench=relay
stage="checking arguments"
run=""
tmp=""
containers=()

# The EXIT trap: on any failure, where it stopped and what its containers say; then everything is removed.
finish() {
  local rc=$?
  trap - ERR
  if [ "$rc" -ne 0 ]; then
    echo "bench/relay: stopped in stage '$stage' with exit code $rc; nothing more measured" >&2
    local c
    for c in "${containers[@]}"; do
      docker inspect -f "  container $c: {{.State.Status}} (exit code {{.State.ExitCode}})" "$c" >&2 2>/dev/null \
        || echo "  container $c: gone" >&2
      docker logs --tail 15 "$c" 2>&1 | sed 's/^/    | /' >&2 || true
    done
  fi
  if [ -n "$run" ]; then
    for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
    docker service rm "user-$run" >/dev/null 2>&1 || true
    docker network rm "$run-net" >/dev/null 2>&1 || true
  fi
  [ -z "$tmp" ] || rm -rf "$tmp"
  exit "$rc"
}
trap finish EXIT
trap 'echo "bench/relay: line $LINENO: \"$BASH_COMMAND\" failed with exit code $?" >&2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM
fail() { echo "bench/relay: $*" >&2; exit 1; }

[[ $count =~ ^[1-9][0-9]*$ && $sessions =~ ^[1-9][0-9]*$ && $size_kib =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] \
  || fail "usage: run.sh [COUNT] [SESSIONS], SIZE_KIB and ROUNDS positive integers"
case "$spam" in off|on|both) ;; *) fail "SPAM must be off, on or both, not '$spam'" ;; esac
if [ "$spam" != off ]; then
  docker image inspect "$rspamd_image" >/dev/null 2>&1 || fail "image $rspamd_image missing: build it first"
  [ -f "$test_classes/org/mailstack/main/testing/TestDns.class" ] \
    || fail "$test_classes has no TestDns: mvn -pl main-container -am test-compile (or ./mailstack build)"
fi

stage="checking images"
for img in "$main_image" "$user_image" mailstack/jre:17; do
  docker image inspect "$img" >/dev/null 2>&1 || fail "image $img missing: build it first"
done
if ! docker image inspect "$ref_image" >/dev/null 2>&1; then
  stage="building $ref_image"
  docker build -q -t "$ref_image" "$here/postfix-dovecot" >/dev/null
fi
[ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = true ] || fail "this engine is not a swarm manager"

stage="preparing the run"
run="bench$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
tmp="$(mktemp -d)"
# The stack's relay key and the account's secret derived from it (HMAC-SHA256, as core's RelayKey.forAccount).
od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$tmp/relay_key"
printf 'mailstack relay v1:%s' "$run" \
  | openssl dgst -sha256 -mac HMAC -macopt "key:$(cat "$tmp/relay_key")" -binary \
  | base64 | tr '+/' '-_' | tr -d '=\n' > "$tmp/relay_secret"
[ -s "$tmp/relay_secret" ] || fail "could not derive the relay secret (openssl missing?)"
printf '%s' '$2a$06$0000000000000000000000000000000000000000000000000000u' > "$tmp/password_hash"
chmod 0444 "$tmp/relay_key" "$tmp/relay_secret" "$tmp/password_hash"
docker network create --label "$label" "$run-net" >/dev/null
# The account is a labelled service (scaled to zero; the user container below plays its task).
docker service create --quiet --detach --name "user-$run" --label "$label" \
  --label "org.mailstack.account=$run" --replicas 0 --no-resolve-image mailstack/jre:17 sleep 1 >/dev/null
client="$run-client"
containers+=("$client")
docker run -d --name "$client" --label "$label" --network "$run-net" --entrypoint sleep "$ref_image" infinity >/dev/null
if [ "$spam" != off ]; then
  stage="starting rspamd and its resolver"
  dns="$run-dns"
  containers+=("$dns")
  : > "$tmp/records.txt"
  chmod 0444 "$tmp/records.txt"
  docker run -d --name "$dns" --label "$label" --network "$run-net" --no-healthcheck \
    -v "$(cd "$test_classes" && pwd):/dns:ro" -v "$tmp/records.txt:/records.txt:ro" --entrypoint java "$main_image" \
    -cp '/dns:/opt/mailstack/lib/*' org.mailstack.main.testing.TestDns 0.0.0.0:53 /records.txt >/dev/null
  wait_dns=0
  until docker logs "$dns" 2>&1 | grep -q "test DNS on"; do
    wait_dns=$((wait_dns + 1))
    [ "$wait_dns" -lt 120 ] || fail "the test DNS server did not start within 60 s"
    sleep 0.5
  done
  dns_ip="$(docker inspect -f "{{(index .NetworkSettings.Networks \"$run-net\").IPAddress}}" "$dns")"
  rspamd="$run-rspamd"
  containers+=("$rspamd")
  docker run -d --name "$rspamd" --label "$label" --network "$run-net" -e MAILSTACK_RSPAMD_DNS="$dns_ip:53" \
    -e MAILSTACK_RSPAMD_CHECK_LOCAL=on "$rspamd_image" >/dev/null
  t_rspamd=$SECONDS
  until [ "$(docker inspect -f '{{.State.Health.Status}}' "$rspamd")" = healthy ]; do
    [ $((SECONDS - t_rspamd)) -lt 300 ] || fail "rspamd not healthy after 300 s"
    [ "$(docker inspect -f '{{.State.Running}}' "$rspamd")" = true ] || fail "rspamd exited"
    sleep 2
  done
  echo "rspamd answering after $((SECONDS - t_rspamd)) s (resolver $dns_ip: NXDOMAIN for every name)"
fi

# Waits (bounded) until a 220 banner answers at host $1 port $2 of the bench network.
wait_banner() {
  local i
  for i in $(seq 1 240); do
    if docker exec "$client" bash -c \
        "{ exec 3<>/dev/tcp/$1/$2; } 2>/dev/null && read -r -t 2 line <&3 && [[ \$line == 220* ]]"; then
      return 0
    fi
    sleep 0.5
  done
  fail "no SMTP banner from $1:$2 after 120 s"
}
# Waits (bounded) until the log of container $1 has a line with $2 (the process says it is ready).
wait_log() {
  local i logs
  for i in $(seq 1 360); do
    logs="$(docker logs "$1" 2>&1)" || fail "cannot read the log of $1"
    [[ $logs != *"$2"* ]] || return 0
    sleep 0.5
  done
  fail "$1 did not log \"$2\" within 180 s"
}
# Sends $count messages to box@$1 at host $1 port $2; sets t_start and t_accepted (seconds since the epoch).
blast() {
  local out
  out="$(docker exec "$client" sh -c "date +%s.%N; smtp-source -s $sessions -m $count -l $((size_kib * 1024)) \
    -f sender@client.example -t box@$1 $2:$3 >/dev/null && date +%s.%N")"
  t_start="${out%%$'\n'*}"
  t_accepted="${out##*$'\n'}"
  [[ $t_start =~ ^[0-9.]+$ && $t_accepted =~ ^[0-9.]+$ && $t_start != "$t_accepted" ]] \
    || fail "smtp-source gave no times: $out"
}
# Waits (bounded) until container $1 holds $count messages under $2; sets t_first and t_last, the ctimes of the
# first and the last message file. More files than messages sent would be duplicates: reported, not hidden.
wait_delivered() {
  local began=$SECONDS limit=$((120 + count / 2)) c=0 times
  while :; do
    c="$(docker exec "$1" sh -c "find $2 -type f \( -path '*/new/*' -o -path '*/cur/*' \) | wc -l")" \
      || fail "cannot count the messages in $1"
    [ "$c" -lt "$count" ] || break
    [ $((SECONDS - began)) -lt "$limit" ] || fail "only $c of $count messages in $1 after $limit s"
    sleep 0.25
  done
  [ "$c" -eq "$count" ] || echo "  warning: $c messages delivered for $count sent (duplicates)" >&2
  times="$(docker exec "$1" sh -c "find $2 -type f \( -path '*/new/*' -o -path '*/cur/*' \) -printf '%C@\n' | sort -n")"
  t_first="${times%%$'\n'*}"
  t_last="${times##*$'\n'}"
}
# JAVA_OPTS for a container of image $1: the image's own, plus a flight recording when JFR=1.
java_opts() {
  local opts
  opts="$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1" | sed -n 's/^JAVA_OPTS=//p')"
  [ -z "${JFR:-}" ] || opts="$opts -XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile,dumponexit=true"
  printf '%s' "$opts"
}
# Removes containers, keeping their logs (and flight recordings) in $LOGS first when asked.
remove() {
  local c
  for c in "$@"; do
    [ -n "${LOGS:-}" ] || continue
    mkdir -p "$LOGS"
    if [ -n "${JFR:-}" ]; then
      docker stop -t 30 "$c" >/dev/null
      docker cp "$c:/tmp/bench.jfr" "$LOGS/${c#"$run"-}.jfr" >/dev/null
    fi
    docker logs "$c" > "$LOGS/${c#"$run"-}.log" 2>&1
  done
  docker rm -f "$@" >/dev/null
}
seconds() { awk -v s="$1" -v e="$2" 'BEGIN {printf "%.2f", e - s}'; }
report() {
  echo "  $1: accepted after $(seconds "$t_start" "$t_accepted") s; first message in the Maildir after" \
    "$(seconds "$t_start" "$t_first") s, all after $(seconds "$t_start" "$t_last") s"
}

# mailstack_round ROUND [FILTER]: FILTER "spam" has the main container ask the bench's rspamd about every message.
mailstack_round() {
  local user="$run-user$1$2" main="$run-main$1$2"
  stage="round $1: starting the user container"
  containers+=("$user")
  docker run -d --name "$user" --label "$label" --network "$run-net" --network-alias "user-$run" \
    -e MAILSTACK_USER="$run" -e MAILSTACK_DOMAIN="$domain" \
    -v "$tmp/relay_secret:/run/secrets/relay_secret:ro" -v "$tmp/password_hash:/run/secrets/password_hash:ro" \
    -e JAVA_OPTS="$(java_opts "$user_image")" "$user_image" >/dev/null
  stage="round $1: starting the main container"
  containers+=("$main")
  # smtp-source opens a connection per message: the MX counts a closed one until its session thread has ended, so
  # the limit per client leaves room for the connections that are closing (sessions + 2 was refused with 421).
  local extra=() setting
  for setting in ${MAIN_ENV:-}; do extra+=(-e "$setting"); done
  [ "$2" != spam ] || extra+=(-e "MAILSTACK_RSPAMD_URL=http://$rspamd:11333" -e MAILSTACK_SPAM_TIMEOUT=30s)
  docker run -d "${extra[@]}" --name "$main" --label "$label" --network "$run-net" \
    -e MAILSTACK_DOMAIN="$domain" -e MAILSTACK_MESSAGES_PER_MINUTE_PER_CLIENT=0 \
    -e MAILSTACK_MAX_CONNECTIONS_PER_CLIENT=$((sessions * 4)) \
    -v /var/run/docker.sock:/var/run/docker.sock:ro -v "$tmp/relay_key:/run/secrets/relay_key:ro" \
    -e JAVA_OPTS="$(java_opts "$main_image")" "$main_image" >/dev/null
  # Both started completely: the MX answers before the rest of the main container is up, and its start-up (the
  # webmail's, mostly) would be measured with the first messages.
  stage="round $1: waiting for the main container to be ready"
  wait_log "$main" "main container for $domain ready"
  wait_banner "$main" 2525
  stage="round $1: waiting for the user container to be ready"
  wait_log "$user" "SMTP receiver listening"
  wait_banner "user-$run" 2525
  stage="round $1: sending to mailstack"
  blast "$run.$domain" "$main" 2525
  stage="round $1: waiting for mailstack's deliveries"
  wait_delivered "$user" /home/box/Maildir
  if [ "$2" = spam ]; then
    local marked unscanned
    marked="$(docker exec "$user" sh -c "grep -l '^X-Spam-Status: ' -r /home/box/Maildir | wc -l")"
    unscanned="$(docker exec "$user" sh -c "grep -l '^X-Spam-Status: unscanned' -r /home/box/Maildir | wc -l")"
    [ "$unscanned" -eq 0 ] || echo "  warning: $unscanned messages unscanned (rspamd did not answer in time)" >&2
    [ "$marked" -eq "$count" ] || fail "only $marked of $count messages carry X-Spam-Status: the filter did not run"
    report "mailstack with rspamd"
    spam_rate+=("$(awk -v n="$count" -v s="$t_start" -v e="$t_last" 'BEGIN {printf "%.1f", n / (e - s)}')")
  else
    report mailstack
    ms_rate+=("$(awk -v n="$count" -v s="$t_start" -v e="$t_last" 'BEGIN {printf "%.1f", n / (e - s)}')")
  fi
  remove "$user" "$main"
}

reference_round() {
  local ref="$run-ref$1"
  stage="round $1: starting Postfix + Dovecot"
  containers+=("$ref")
  docker run -d --name "$ref" --label "$label" --network "$run-net" "$ref_image" >/dev/null
  stage="round $1: waiting for Postfix's banner"
  wait_banner "$ref" 25
  stage="round $1: sending to Postfix"
  blast "$domain" "$ref" 25
  stage="round $1: waiting for Dovecot's deliveries"
  wait_delivered "$ref" /var/mail
  report "postfix+dovecot"
  ref_rate+=("$(awk -v n="$count" -v s="$t_start" -v e="$t_last" 'BEGIN {printf "%.1f", n / (e - s)}')")
  JFR="" remove "$ref"
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

echo "== $count messages of ${size_kib} KiB, $sessions sessions, $rounds round(s); $main_image, $user_image;" \
  "spam filter $spam"
ms_rate=()
spam_rate=()
ref_rate=()
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  [ "$spam" = on ] || mailstack_round "$round" ""
  [ "$spam" = off ] || mailstack_round "$round" spam
  reference_round "$round"
done
stage="summing up"
ref="$(median "${ref_rate[@]}")"
if [ "$spam" != on ]; then
  ms="$(median "${ms_rate[@]}")"
  awk -v a="$ms" -v b="$ref" -v r="$rounds" 'BEGIN {
    printf "messages/s end to end%s: mailstack %.1f, postfix+dovecot %.1f, ratio mailstack/reference %.2f\n",
      (r > 1 ? " (medians)" : ""), a, b, a / b }'
fi
if [ "$spam" != off ]; then
  sp="$(median "${spam_rate[@]}")"
  awk -v a="$sp" -v b="$ref" -v r="$rounds" 'BEGIN {
    printf "messages/s end to end%s: mailstack with rspamd %.1f, postfix+dovecot %.1f (without a filter), ratio %.2f\n",
      (r > 1 ? " (medians)" : ""), a, b, a / b }'
fi
stage="done"
