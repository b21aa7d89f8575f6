#!/usr/bin/env bash
# publish-images.sh: builds the images for linux/amd64 and linux/arm/v7, pushes them to a registry and pushes one
# manifest list per image, so every swarm node (PC or Raspberry Pi) pulls the variant of its own architecture.
#
#   scripts/publish-images.sh [--registry HOST:PORT] [--tag TAG] [--arch amd64,armv7] [--no-build-jars] [IMAGE...]
#
#   IMAGE       user-container, main-container (default: both), rspamd (docker/rspamd, the spam filter's)
#   --registry  where to push (default $MAILSTACK_REGISTRY or 127.0.0.1:5000; a registry on 127.0.0.1 is started
#               with scripts/lib/registry.sh when none answers there)
#   --tag       the list's tag (default latest); the per-arch images are TAG-amd64 and TAG-armv7
#   --arch      which architectures (default amd64,armv7); a list is pushed only for two or more
#   --no-build-jars  use the modules' existing target/app (otherwise 'mvn package' builds them when missing)
#
# Pushes to REGISTRY/mailstack/IMAGE:TAG. Idempotent: layers the engine or the registry already has are reused.
# Exit codes: 0 ok, 1 build or push failed, 2 bad usage, 3 environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/arm-base.sh
. "$ROOT/scripts/lib/arm-base.sh"
# shellcheck source=lib/registry.sh
. "$ROOT/scripts/lib/registry.sh"

registry="$MAILSTACK_REGISTRY"
tag=latest
arches="amd64,armv7"
build_jars=1
images=()

while [ $# -gt 0 ]; do
  case "$1" in
    --registry) registry="${2:?--registry needs HOST:PORT}"; shift 2 ;;
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --arch) arches="${2:?--arch needs amd64,armv7}"; shift 2 ;;
    --no-build-jars) build_jars=0; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    user-container|main-container|rspamd) images+=("$1"); shift ;;
    *) die 2 "unknown argument '$1' (see --help)" ;;
  esac
done
[ "${#images[@]}" -gt 0 ] || images=(user-container main-container)
case "$tag" in ''|*[!A-Za-z0-9_.-]*) die 2 "bad tag '$tag': letters, digits, '.', '_' and '-' only" ;; esac
IFS=, read -r -a arch_list <<<"$arches"
for a in "${arch_list[@]}"; do
  case "$a" in amd64|armv7) ;; *) die 2 "unknown architecture '$a' (amd64 or armv7)" ;; esac
done

ensure_jars() {
  local missing=() m
  for m in "${images[@]}"; do
    [ "$m" = rspamd ] && continue
    [ -d "$ROOT/$m/target/app" ] || missing+=("$m")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  [ "$build_jars" = 1 ] || die 1 "target/app missing in ${missing[*]}: run 'mvn package' first"
  step "Building the jars of ${missing[*]} (mvn package)"
  local list
  list="$(IFS=,; echo "${missing[*]}")"
  (cd "$ROOT" && mvn -B -q -pl "$list" -am package -DskipTests) || die 1 "mvn package failed (output above)"
}

# build_arch IMAGE ARCH REF: builds one architecture of IMAGE, tagged REF.
build_arch() {
  local image="$1" arch="$2" ref="$3" dir="$ROOT/$1"
  [ "$image" = rspamd ] && dir="$ROOT/docker/rspamd"
  step "Building $ref ($arch)"
  case "$arch" in
    amd64) docker build -t "$ref" "$dir" 2>&1 | progress_filter
           [ "$(image_platform "$ref")" = "linux/amd64/" ] || die 1 "$ref is labelled $(image_platform "$ref")" ;;
    armv7) build_for_arm "$ref" "$dir" ;;
  esac
  ok "$ref: $(image_platform "$ref")"
}

push() {
  local ref="$1" out
  out="$(docker push "$ref" 2>&1)" || { echo "$out" >&2; die 1 "pushing $ref failed (output above)"; }
  ok "Pushed $ref ($(grep -c 'Pushed' <<<"$out" || true) new layers)"
}

publish_image() {
  local image="$1" list="$registry/mailstack/$1:$tag" refs=() a ref
  for a in "${arch_list[@]}"; do
    ref="$list-$a"
    build_arch "$image" "$a" "$ref"
    push "$ref"
    refs+=("$ref")
  done
  [ "${#refs[@]}" -ge 2 ] || return 0
  step "Manifest list $list → ${arch_list[*]}"
  docker manifest rm "$list" >/dev/null 2>&1 || true
  docker manifest create --insecure "$list" "${refs[@]}" >/dev/null \
    || die 1 "docker manifest create failed for $list"
  docker manifest push --insecure --purge "$list" >/dev/null || die 1 "docker manifest push failed for $list"
  ok "Pushed $list ($(docker manifest inspect --insecure "$list" \
      | jq -r '[.manifests[].platform | .architecture + (if .variant then "/" + .variant else "" end)] | join(", ")'))"
}

main() {
  ensure_engine
  command -v jq >/dev/null 2>&1 || apt_install jq
  docker manifest --help >/dev/null 2>&1 || die 3 "this Docker CLI has no 'docker manifest' command; use CLI 20.10 or newer"
  ensure_base_image
  ensure_jre_image
  for a in "${arch_list[@]}"; do
    [ "$a" = armv7 ] && ensure_arm_images
  done
  ensure_jars
  case "$registry" in
    127.*) registry_up "$registry" "$MAILSTACK_REGISTRY_DIR" ;;
    *) registry_answers "$registry" || die 3 "no registry answers at $registry; start it, or use --registry 127.0.0.1:PORT" ;;
  esac
  local image
  for image in "${images[@]}"; do
    publish_image "$image"
  done
  ok "Published ${images[*]} to $registry (tag $tag: ${arch_list[*]})"
}

main
