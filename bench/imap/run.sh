#!/usr/bin/env bash
# IMAP throughput: the user container's IMAP server against Debian's Dovecot, same workload, same seeded messages.
# Figures only. Usage: bench/imap/run.sh [SECONDS_PER_RUN] [SEEDED_MESSAGES]   (defaults 20 and 500)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
seeded=${2:-500}
image=${MAILSTACK_BENCH_IMAGE:-mailstack/user-container:latest}
run_id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
name=mailstack-bench-imap-$run_id
work=$(mktemp -d)
chmod 755 "$work"
dovecot_pid=
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  [ -n "$dovecot_pid" ] && kill "$dovecot_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

docker image inspect "$image" >/dev/null || { echo "build $image first (mvn -pl user-container verify)"; exit 1; }
mkdir -p "$work/secrets"
doveadm pw -s BLF-CRYPT -r 6 -p bench | sed 's/^{BLF-CRYPT}//' > "$work/secrets/password_hash"
echo "bench-relay-$run_id" > "$work/secrets/relay_secret"
docker run -d --name "$name" --label org.mailstack.bench="$run_id" \
  -e MAILSTACK_USER=bob -e MAILSTACK_DOMAIN=example.test -e MAILSTACK_IMAP_PLAIN_LOGIN=true \
  -v "$work/secrets/password_hash:/run/secrets/password_hash:ro" \
  -v "$work/secrets/relay_secret:/run/secrets/relay_secret:ro" "$image" >/dev/null
for _ in $(seq 1 120); do
  docker logs "$name" 2>&1 | grep -q "IMAP listening" && break
  sleep 0.5
done
docker logs "$name" 2>&1 | grep -q "IMAP listening" || { docker logs "$name"; exit 1; }
ours_host=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$name")
ours_port=1143

dovecot_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dovecot_pid=$(./dovecot.sh "$work/dovecot" "$dovecot_port")

bench() { java ImapBench.java "$@"; }
# side_by_side MODE CLIENTS: one run of MODE against each server, then their ratio.
side_by_side() {
  local ours theirs
  ours=$(bench "$1" "$ours_host" "$ours_port" bob bench "$2" "$seconds" "$seeded")
  theirs=$(bench "$1" 127.0.0.1 "$dovecot_port" bench bench "$2" "$seconds" "$seeded")
  echo "$2 clients: mailstack $ours"
  echo "$2 clients: dovecot   $theirs"
  echo "$2 clients: ratio mailstack/dovecot = $(python3 -c "print(f'{${ours%% *} / ${theirs%% *}:.2f}')")"
}
bench seed "$ours_host" "$ours_port" bob bench "$seeded"
bench seed 127.0.0.1 "$dovecot_port" bench bench "$seeded"

echo "IMAP mixed workload (APPEND, UID SEARCH, UID FETCH, UID STORE x2, UID EXPUNGE), ${seconds}s per run, $seeded seeded messages"
for clients in 10 50; do side_by_side run "$clients"; done

echo
echo "Extensions (MULTIAPPEND of 5, UID SEARCH RETURN (MIN MAX COUNT), STATUS SIZE, UID STORE, UID EXPUNGE), ${seconds}s per run"
echo "mailstack: $(bench caps "$ours_host" "$ours_port" bob bench)"
echo "dovecot:   $(bench caps 127.0.0.1 "$dovecot_port" bench bench)"
for clients in 1 10; do side_by_side ext "$clients"; done

echo
echo "Whole-message FETCH of the $seeded seeded messages, 5 rounds, one client, plain and with COMPRESS=DEFLATE"
for mode in plain deflate; do
  echo "$mode: mailstack $(bench compress "$ours_host" "$ours_port" bob bench "$mode" 5 "$seeded")"
  echo "$mode: dovecot   $(bench compress 127.0.0.1 "$dovecot_port" bench bench "$mode" 5 "$seeded")"
done
