#!/usr/bin/env bash
# Messages per second end to end, relay → account container → Maildir (fsync'd), under Postfix's smtp-source:
# mailstack's main container relaying to a user container, beside Debian's Postfix handing to Dovecot LMTP, both in
# containers on this engine, same messages, same client. Prints both rates and their ratio; never passes or fails.
#
#   bench/relay/run.sh [COUNT] [SESSIONS]      defaults: 1000 messages, 8 parallel sessions
#
# Needs: Docker with the images mailstack/main-container:latest and mailstack/user-container:latest (built by
# `mvn -pl main-container,user-container -am verify`), a swarm (for the account label), smtp-source
# (apt-get install postfix). Builds mailstack-bench/postfix-dovecot once. Everything it creates is labelled
# org.mailstack.bench=relay and removed at the end; ports are bound to 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
count="${1:-1000}"
sessions="${2:-8}"
size_kib="${SIZE_KIB:-4}"
run="bench$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
domain=bench.example.test
label=org.mailstack.bench=relay
secret="$(head -c 24 /dev/urandom | base64)"
tmp="$(mktemp -d)"

command -v smtp-source >/dev/null || { echo "smtp-source missing: apt-get install postfix"; exit 1; }
for img in mailstack/main-container:latest mailstack/user-container:latest; do
  docker image inspect "$img" >/dev/null 2>&1 || { echo "image $img missing: build it first"; exit 1; }
done

cleanup() {
  docker rm -f "$run-main" "$run-user" "$run-ref" >/dev/null 2>&1 || true
  docker service rm "user-$run" >/dev/null 2>&1 || true
  docker network rm "$run-net" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Waits (bounded) until a 220 banner answers on 127.0.0.1:$1.
wait_banner() {
  for _ in $(seq 1 120); do
    if exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null && read -r -t 2 line <&3 && [[ $line == 220* ]]; then
      exec 3>&-; return 0
    fi
    exec 3>&- 2>/dev/null || true
    sleep 0.5
  done
  echo "no SMTP banner on port $1"; exit 1
}
# Counts delivered files in container $1 under $2 until $count (bounded), prints the elapsed seconds since $3.
wait_count() {
  local c=0
  for _ in $(seq 1 1200); do
    c=$(docker exec "$1" sh -c "find $2 -type f \( -path '*/new/*' -o -path '*/cur/*' \) | wc -l")
    if [ "$c" -ge "$count" ]; then
      echo "$(awk -v s="$3" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')"; return 0
    fi
    sleep 0.25
  done
  echo "only $c of $count delivered" >&2; exit 1
}
port_of() { docker port "$1" "$2" | head -1 | sed 's/.*://'; }
blast() {
  smtp-source -c -s "$sessions" -m "$count" -l "$((size_kib * 1024))" -f "sender@client.example" \
    -t "box@$1" "127.0.0.1:$2" >/dev/null
}

echo "== $count messages of ${size_kib} KiB, $sessions sessions"

# mailstack: the account is a labelled service (scaled to zero; the user container below plays its task).
docker network create --label "$label" "$run-net" >/dev/null
docker service create --quiet --detach --name "user-$run" --label "$label" \
  --label "org.mailstack.account=$run" --replicas 0 mailstack/jre:17 sleep 1 >/dev/null 2>&1
printf '%s' "$secret" > "$tmp/relay_secret"
printf '%s' '$2a$06$0000000000000000000000000000000000000000000000000000u' > "$tmp/password_hash"
chmod 0444 "$tmp/relay_secret" "$tmp/password_hash"
docker run -d --name "$run-user" --label "$label" --network "$run-net" --network-alias "user-$run" \
  -e MAILSTACK_USER="$run" -e MAILSTACK_DOMAIN="$domain" \
  -v "$tmp/relay_secret:/run/secrets/relay_secret:ro" -v "$tmp/password_hash:/run/secrets/password_hash:ro" \
  mailstack/user-container:latest >/dev/null
docker run -d --name "$run-main" --label "$label" --network "$run-net" -p 127.0.0.1::2525 \
  -e MAILSTACK_DOMAIN="$domain" -e MAILSTACK_MESSAGES_PER_MINUTE_PER_CLIENT=0 \
  -e MAILSTACK_MAX_CONNECTIONS_PER_CLIENT=$((sessions + 2)) \
  -v /var/run/docker.sock:/var/run/docker.sock:ro -v "$tmp/relay_secret:/run/secrets/relay_secret:ro" \
  mailstack/main-container:latest >/dev/null
main_port="$(port_of "$run-main" 2525)"
wait_banner "$main_port"
for _ in $(seq 1 120); do
  docker logs "$run-user" 2>&1 | grep -q "SMTP receiver listening" && break; sleep 0.5
done
start=$(date +%s.%N)
blast "$run.$domain" "$main_port"
accepted=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')
mailstack_s=$(wait_count "$run-user" /home/box/Maildir "$start")
echo "mailstack: accepted in ${accepted}s, all in the Maildir after ${mailstack_s}s"

# Reference: Postfix → Dovecot LMTP → Maildir.
docker image inspect mailstack-bench/postfix-dovecot >/dev/null 2>&1 \
  || docker build -q -t mailstack-bench/postfix-dovecot "$here/postfix-dovecot" >/dev/null
docker run -d --name "$run-ref" --label "$label" -p 127.0.0.1::25 mailstack-bench/postfix-dovecot >/dev/null
ref_port="$(port_of "$run-ref" 25)"
wait_banner "$ref_port"
start=$(date +%s.%N)
blast "$domain" "$ref_port"
accepted=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')
ref_s=$(wait_count "$run-ref" /var/mail "$start")
echo "postfix+dovecot: accepted in ${accepted}s, all in the Maildir after ${ref_s}s"

awk -v n="$count" -v a="$mailstack_s" -v b="$ref_s" 'BEGIN {
  printf "messages/s end to end: mailstack %.1f, postfix+dovecot %.1f, ratio mailstack/reference %.2f\n", n / a, n / b, (n / a) / (n / b) }'
