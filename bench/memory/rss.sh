#!/usr/bin/env bash
# bench/memory/rss.sh: the memory one account costs. Starts the user-container image (one account), and prints the
# JVM's resident memory idle and after a small SMTP + IMAP load, and the time from the container's start to the
# first message accepted. Figures, never pass/fail.
#
#   bench/memory/rss.sh [--arch amd64|armv7|both] [--image IMAGE] [--java-opts "OPTS"] [--messages N] [--sessions N]
#                       [--idle S] [--load-seconds S] [--big-mib M] [--accounts N]
#
#   --arch       which image (default both); armv7 runs under qemu here, see below
#   --image      the amd64 image to measure (default mailstack/user-container:latest)
#   --java-opts  JAVA_OPTS for the JVM instead of the image's own (repeatable: one run per value)
#   --messages   messages delivered by the relay (default 50), --sessions IMAP sessions fetching them all (default 3)
#   --idle       seconds the container stays idle before the idle figure (default 45: the image's HeapTrim looks
#                every 30 s)
#   --env        VAR=VALUE for the container, e.g. MALLOC_ARENA_MAX=2 (repeatable, applies to every run)
#   --load-seconds  a sustained load instead of the small one: for S seconds (default 180 when given without a
#                number) the relay delivers messages of 2-300 KiB while --sessions IMAP sessions (default 3) fetch,
#                search and flag in a loop (load.py --seconds, at most --messages deliveries, default 20000); memory
#                is sampled every 5 s, then after 60 s idle: idle before, peak under load, after idle, the ratio
#   --big-mib    after the load and its idle minute, the large-message check: a message of M MiB of text and one with an M MiB
#                attachment delivered over SMTP, each fetched whole over IMAP, SEARCH TEXT over the mailbox; the
#                container must survive it (the image exits on OutOfMemoryError); memory then and 60 s later
#   --accounts   N idle accounts of the image at once instead (amd64): waits until each answers SMTP, idles --idle
#                seconds, prints each account's private memory, the mean and the total
#
# Columns: RSS = VmRSS of the java process; anon = its anonymous memory; private = Private_Clean + Private_Dirty of
# /proc/PID/smaps_rollup (smem's USS: what each further account adds, once a second account maps the same files);
# file = mapped files (the JDK's libraries and CDS archive: page cache shared by every account of the same image);
# peak = VmHWM; guest = for armv7 under qemu, the memory of the emulated 32-bit process itself (below 4 GiB),
# without qemu's translated-code buffer: the estimate for a Raspberry Pi. Needs root (reads /proc of the JVM).
# Containers are labelled org.mailstack.bench and removed; ports are bound to 127.0.0.1.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../../scripts/lib/arm-base.sh
. "$ROOT/scripts/lib/arm-base.sh"

arches=(amd64 armv7)
opts_list=()
extra_env=()
messages=50
sessions=3
idle=45
load_seconds=0
big_mib=0
accounts=0
messages_set=""
image_amd64=mailstack/user-container:latest
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) case "${2:-}" in both) arches=(amd64 armv7) ;; amd64|armv7) arches=("$2") ;;
              *) die 2 "--arch amd64, armv7 or both" ;; esac; shift 2 ;;
    --image) image_amd64="${2:?--image needs an image}"; shift 2 ;;
    --java-opts) opts_list+=("${2?--java-opts needs a value, empty for the image default}"); shift 2 ;;
    --messages) messages="${2:?}"; messages_set=1; shift 2 ;;
    --load-seconds) if [[ ${2:-} =~ ^[0-9]+$ ]]; then load_seconds="$2"; shift 2; else load_seconds=180; shift; fi ;;
    --big-mib) big_mib="${2:?}"; shift 2 ;;
    --accounts) accounts="${2:?}"; shift 2 ;;
    --sessions) sessions="${2:?}"; shift 2 ;;
    --idle) idle="${2:?}"; shift 2 ;;
    --env) extra_env+=(-e "${2:?--env needs VAR=VALUE}"); shift 2 ;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die 2 "unknown argument '$1' (see --help)" ;;
  esac
done
[ "${#opts_list[@]}" -gt 0 ] || opts_list=("")
[ "$load_seconds" -eq 0 ] || [ -n "$messages_set" ] || messages=20000

RUN_ID="bench-$$-$RANDOM"
PASSWORD="bench password"
RELAY_SECRET="relay-$RUN_ID"
WORK="$(mktemp -d /tmp/mailstack-bench.XXXXXX)"
# armv7 runs on the arm node of a small test swarm (scripts/lib/test-swarm.sh): its disk gives the 32-bit JVM
# under qemu the directory offsets a Pi would (see there); this host's own disk makes its readdir fail.
export TEST_SWARM_NAME=mbench TEST_SWARM_REGISTRY_PORT="${BENCH_REGISTRY_PORT:-5097}"
SWARM="$ROOT/scripts/lib/test-swarm.sh"
ENGINE=""          # empty: this host's engine; otherwise the Docker endpoint of the test swarm's arm node
SWARM_UP=""

dk() { if [ -n "$ENGINE" ]; then docker -H "$ENGINE" "$@"; else docker "$@"; fi; }

cleanup() {
  ENGINE=""
  docker ps -aq --filter "label=org.mailstack.bench=$RUN_ID" | xargs -r docker rm -fv >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=org.mailstack.bench=$RUN_ID" | xargs -r docker volume rm >/dev/null 2>&1 || true
  [ -z "$SWARM_UP" ] || "$SWARM" down >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# use_engine ARCH: points dk at the engine that runs ARCH and sets IMAGE to the image to run there.
use_engine() {
  case "$1" in
    amd64) ENGINE=""
           docker image inspect "$image_amd64" >/dev/null 2>&1 \
             || die 1 "$image_amd64 is missing: run ./mailstack build first"
           IMAGE="$image_amd64" ;;
    armv7) [ -d "$ROOT/user-container/target/app" ] || die 1 "user-container/target/app is missing: run mvn package"
           ensure_arm_images >&2
           build_for_arm mailstack/user-container:latest-armv7 "$ROOT/user-container" >/dev/null
           if [ -z "$SWARM_UP" ]; then
             "$SWARM" up 2 >&2
             SWARM_UP=1
           fi
           ENGINE="$("$SWARM" host 2)"
           docker save mailstack/user-container:latest-armv7 | dk load -q >/dev/null
           IMAGE=mailstack/user-container:latest-armv7 ;;
  esac
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# local_port NAME PORT: a 127.0.0.1 port reaching the container's published PORT.
local_port() {
  local published
  published="$(dk port "$1" "$2/tcp" | head -1 | sed 's/.*://')"
  if [ -z "$ENGINE" ]; then
    echo "$published"
  else
    local port
    port="$(free_port)"
    "$SWARM" forward "${TEST_SWARM_PREFIX:-10.250.0}.12:$published" "$port" >/dev/null
    echo "$port"
  fi
}

# The java process's memory (kB), read on this host (the test swarm's nodes share its process table):
# RSS anon file peak guest private, where guest is the resident memory below 4 GiB, i.e. the emulated 32-bit process's own
# (what a Pi would hold) without qemu's translated-code buffer and heap; on amd64 it equals RSS.
jvm_memory() {
  local tini pid
  tini="$(dk inspect -f '{{.State.Pid}}' "$1")"
  pid="$(pgrep -P "$tini" | head -1)"
  [ -n "$pid" ] || die 1 "no java process under pid $tini"
  awk '/^(VmRSS|RssAnon|RssFile|VmHWM):/ {v[$1]=$2} END {printf "%s %s %s %s ", v["VmRSS:"], v["RssAnon:"], v["RssFile:"], v["VmHWM:"]}' \
    "/proc/$pid/status"
  if [ "$ARCH" = armv7 ]; then
    awk '/^[0-9a-f]+-[0-9a-f]+ / {split($1, a, "-"); low = length(a[1]) <= 8; next}
         /^Rss:/ && low {g += $2} END {printf "%s ", g}' "/proc/$pid/smaps"
  else
    awk '/^VmRSS:/ {printf "%s ", $2}' "/proc/$pid/status"
  fi
  awk '/^Private_(Clean|Dirty):/ {p += $2} END {print p}' "/proc/$pid/smaps_rollup"
}

mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

bench_one() {
  local arch="$1" image="$2" opts="$3" name vol smtp imap first idle_mem load_mem
  name="mailstack-$RUN_ID-$arch-$RANDOM"
  vol="$name-home"
  mkdir -p "$WORK/$name"
  printf '%s' "$RELAY_SECRET" >"$WORK/$name/relay_secret"
  python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=64)), end="")' \
    "$PASSWORD" >"$WORK/$name/password_hash"
  chmod 0444 "$WORK/$name"/*
  dk volume create --label "org.mailstack.bench=$RUN_ID" "$vol" >/dev/null
  local env_opts=()
  [ -z "$opts" ] || env_opts=(-e "JAVA_OPTS=$opts")
  local start=$SECONDS
  local bind=127.0.0.1
  [ -z "$ENGINE" ] || bind=0.0.0.0   # inside the test node's own network namespace
  dk run -d --name "$name" --label "org.mailstack.bench=$RUN_ID" \
    -e MAILSTACK_USER=bob -e MAILSTACK_DOMAIN=example.test -e MAILSTACK_IMAP_PLAIN_LOGIN=true \
    "${env_opts[@]}" "${extra_env[@]}" -v "$WORK/$name:/run/secrets:ro" -v "$vol:/home/box" \
    -p "$bind::2525" -p "$bind::1143" "$image" >/dev/null 2>&1
  # A second account of the same image idles beside it, as on any node with accounts: the pages both map (the JDK,
  # the class-data-sharing archives) are then shared, and "private" is what one more account costs.
  dk run -d --rm --name "$name-twin" --label "org.mailstack.bench=$RUN_ID" \
    -e MAILSTACK_USER=carol -e MAILSTACK_DOMAIN=example.test "${env_opts[@]}" "${extra_env[@]}" \
    -v "$WORK/$name:/run/secrets:ro" -v /home/box "$image" >/dev/null 2>&1
  smtp="$(local_port "$name" 2525)"
  imap="$(local_port "$name" 1143)"
  # First: one message as soon as the receiver answers (the time to the first accepted mail), then idle.
  first="$(python3 "$HERE/load.py" "$smtp" "$imap" "$RELAY_SECRET" "$PASSWORD" 1 0)" \
    || { dk logs "$name" 2>&1 | tail -5 >&2; die 1 "$arch: no mail accepted"; }
  local ready=$((SECONDS - start))
  sleep "$idle"   # measuring idle memory, not waiting for readiness
  idle_mem="$(jvm_memory "$name")"
  if [ "$load_seconds" -gt 0 ]; then
    sustained_load "$arch" "$name" "$smtp" "$imap" "$idle_mem" "$first" "$ready"
    dk rm -fv "$name" "$name-twin" >/dev/null
    dk volume rm "$vol" >/dev/null
    return
  fi
  python3 "$HERE/load.py" "$smtp" "$imap" "$RELAY_SECRET" "$PASSWORD" "$messages" "$sessions" >/dev/null \
    || die 1 "$arch: the load failed"
  load_mem="$(jvm_memory "$name")"
  local r a f p g u
  read -r r a f _ g u <<<"$idle_mem"
  printf '%-6s idle   RSS %6s MiB  anon %6s MiB  private %6s MiB  file %6s MiB  guest %6s MiB  first mail %ss (container %ss)\n' \
    "$arch" "$(mib "$r")" "$(mib "$a")" "$(mib "$u")" "$(mib "$f")" "$(mib "$g")" "$first" "$ready"
  read -r r a f p g u <<<"$load_mem"
  printf '%-6s loaded RSS %6s MiB  anon %6s MiB  private %6s MiB  file %6s MiB  guest %6s MiB  peak %s MiB (%s messages, %s IMAP sessions)\n' \
    "$arch" "$(mib "$r")" "$(mib "$a")" "$(mib "$u")" "$(mib "$f")" "$(mib "$g")" "$(mib "$p")" "$messages" "$sessions"
  dk rm -fv "$name" "$name-twin" >/dev/null
  dk volume rm "$vol" >/dev/null
}

# sustained_load ARCH NAME SMTP IMAP IDLE_MEM FIRST READY: load.py --seconds in the background, memory sampled
# every 5 s (the peak of RSS and of private memory), then 60 s idle; optionally the large-message check after.
sustained_load() {
  local arch="$1" name="$2" smtp="$3" imap="$4" idle_mem="$5" first="$6" ready="$7" lp sample r a f p g u
  local peak_r=0 peak_u=0 samples=0
  python3 "$HERE/load.py" "$smtp" "$imap" "$RELAY_SECRET" "$PASSWORD" "$messages" "$sessions" \
    --seconds "$load_seconds" >"$WORK/load.out" 2>&1 &
  lp=$!
  while kill -0 "$lp" 2>/dev/null; do
    sample="$(jvm_memory "$name")" || break
    read -r r a f p g u <<<"$sample"
    [ "$r" -le "$peak_r" ] || peak_r="$r"
    [ "$u" -le "$peak_u" ] || peak_u="$u"
    samples=$((samples + 1))
    sleep 5   # the sampling period; the load ends by itself within --load-seconds
  done
  wait "$lp" || { cat "$WORK/load.out" >&2; die 1 "$arch: the load failed"; }
  local done_load; done_load="$(cat "$WORK/load.out")"
  sleep 60   # the idle minute after the load
  local after; after="$(jvm_memory "$name")"
  local ir iu ar au hwm
  read -r ir _ _ _ _ iu <<<"$idle_mem"
  read -r ar _ _ hwm _ au <<<"$after"
  printf '%-6s idle before       RSS %6s MiB  private %6s MiB  first mail %ss (container %ss)\n' \
    "$arch" "$(mib "$ir")" "$(mib "$iu")" "$first" "$ready"
  printf '%-6s peak under load   RSS %6s MiB  private %6s MiB  (%s samples; VmHWM %s MiB; %s s, %s IMAP sessions: %s deliveries, %s IMAP rounds)\n' \
    "$arch" "$(mib "$peak_r")" "$(mib "$peak_u")" "$samples" "$(mib "$hwm")" "$load_seconds" "$sessions" ${done_load}
  printf '%-6s after 60 s idle   RSS %6s MiB  private %6s MiB  after/before: RSS %s, private %s\n' \
    "$arch" "$(mib "$ar")" "$(mib "$au")" "$(awk -v a="$ar" -v b="$ir" 'BEGIN {printf "%.2f", a / b}')" \
    "$(awk -v a="$au" -v b="$iu" 'BEGIN {printf "%.2f", a / b}')"
  if [ "$big_mib" -gt 0 ]; then
    local big_out
    big_out="$(python3 "$HERE/load.py" "$smtp" "$imap" "$RELAY_SECRET" "$PASSWORD" 0 0 --big-mib "$big_mib" 2>&1)" \
      || { echo "$big_out" >&2; dk logs "$name" 2>&1 | tail -5 >&2; die 1 "$arch: the large-message check failed"; }
    [ "$(dk inspect -f '{{.State.Running}}' "$name")" = true ] || die 1 "$arch: the account's process exited"
    read -r r _ _ _ _ u <<<"$(jvm_memory "$name")"
    echo "$arch large messages: $big_out; then RSS $(mib "$r") MiB private $(mib "$u") MiB"
    sleep 60   # the idle minute after the large messages
    read -r r _ _ hwm _ u <<<"$(jvm_memory "$name")"
    printf '%-6s after 60 s idle   RSS %6s MiB  private %6s MiB  (after the large messages; VmHWM %s MiB)\n' \
      "$arch" "$(mib "$r")" "$(mib "$u")" "$(mib "$hwm")"
  fi
}

# accounts_idle N IMAGE OPTS: N accounts of IMAGE at once, each answering SMTP, idle; private memory of each.
accounts_idle() {
  local n="$1" image="$2" opts="$3" i name ports=() names=() start=$SECONDS
  local env_opts=()
  [ -z "$opts" ] || env_opts=(-e "JAVA_OPTS=$opts")
  mkdir -p "$WORK/acct"
  printf '%s' "$RELAY_SECRET" >"$WORK/acct/relay_secret"
  python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=64)), end="")' \
    "$PASSWORD" >"$WORK/acct/password_hash"
  chmod 0444 "$WORK/acct"/*
  for i in $(seq 1 "$n"); do
    name="mailstack-$RUN_ID-acct$i"
    docker run -d --name "$name" --label "org.mailstack.bench=$RUN_ID" -e "MAILSTACK_USER=user$i" \
      -e MAILSTACK_DOMAIN=example.test "${env_opts[@]}" "${extra_env[@]}" -v "$WORK/acct:/run/secrets:ro" \
      -v /home/box -p 127.0.0.1::2525 "$image" >/dev/null
    names+=("$name")
  done
  for name in "${names[@]}"; do ports+=("$(local_port "$name" 2525)"); done
  # Every account answers SMTP (its 220 greeting) within 600 s of the first start.
  python3 - "${ports[@]}" <<'PY' || die 1 "not every account answered within 600 s"
import socket, sys, time
deadline = time.monotonic() + 600
for port in map(int, sys.argv[1:]):
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.settimeout(10)
                if s.recv(64).startswith(b"220"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(1)
        time.sleep(0.5)
PY
  local up=$((SECONDS - start))
  sleep "$idle"   # measuring idle memory
  local total=0 totalr=0 r u line=""
  for name in "${names[@]}"; do
    read -r r _ _ _ _ u <<<"$(jvm_memory "$name")"
    total=$((total + u)); totalr=$((totalr + r))
    line+=" $(mib "$u")"
  done
  echo "amd64 $n accounts (all answering after ${up}s, then ${idle}s idle): private MiB each:$line"
  printf 'amd64 %s accounts: private mean %s MiB, total %s MiB; RSS mean %s MiB; host used %s MiB\n' "$n" \
    "$(awk -v t="$total" -v n="$n" 'BEGIN {printf "%.1f", t / n / 1024}')" "$(mib "$total")" \
    "$(awk -v t="$totalr" -v n="$n" 'BEGIN {printf "%.1f", t / n / 1024}')" "$(free -m | awk '/^Mem:/ {print $3}')"
  docker rm -fv "${names[@]}" >/dev/null
}

ensure_engine >/dev/null
command -v python3 >/dev/null 2>&1 || apt_install python3
for opts in "${opts_list[@]}"; do
  shown="$opts"
  if [ -z "$shown" ]; then
    shown="$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image_amd64" \
      | sed -n 's/^JAVA_OPTS=//p') (the image default)"
  fi
  echo "JAVA_OPTS: $shown${extra_env[*]:+ (env: ${extra_env[*]})}"
  if [ "$accounts" -gt 0 ]; then
    ARCH=amd64
    use_engine amd64
    accounts_idle "$accounts" "$IMAGE" "$opts"
    continue
  fi
  for arch in "${arches[@]}"; do
    ARCH="$arch"
    use_engine "$arch"
    bench_one "$arch" "$IMAGE" "$opts"
  done
done
