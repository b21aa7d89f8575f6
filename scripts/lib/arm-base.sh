#!/usr/bin/env bash
# Builds the linux/arm/v7 (Raspberry Pi) base images offline, once, idempotently:
#   1. arm32v7/debian:bookworm-slim  debootstrap --arch=armhf from this machine's apt mirror (about 3 min),
#      imported, then its platform label fixed (engine 20.10 records every imported image as amd64);
#   2. mailstack/jre:17-armv7        docker/jre/Dockerfile built on that base under qemu (about 5 min).
# A second run takes seconds. Needs root (debootstrap) and the qemu-arm binfmt entry (scripts/lib/docker-setup.sh).
#
# ARM_IMAGE_CACHE=DIR (optional): load both images from DIR/*.tar when they are missing, and save them there when
# the files are missing, so CI can keep them between runs.
#
# Sourced, it provides: ARM_BASE_IMAGE, ARM_JRE_IMAGE, image_platform IMAGE, build_for_arm IMAGE DIR, ensure_arm_images.
set -euo pipefail

ARM_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# docker-setup.sh gives apt_mirror, check_space, need_root_for (and common.sh); sourcing it runs nothing.
# shellcheck source=docker-setup.sh
. "$ARM_LIB_DIR/docker-setup.sh"

# The upstream names: on a machine with a registry the same names can be pulled instead.
ARM_BASE_IMAGE="arm32v7/debian:bookworm-slim"
ARM_JRE_IMAGE="mailstack/jre:17-armv7"
ARM_PLATFORM="linux/arm/v7"
ARM_IMAGE_CACHE="${ARM_IMAGE_CACHE:-}"

# image_platform IMAGE: os/architecture/variant as the engine records it ("" when the image is missing).
image_platform() {
  docker image inspect -f '{{.Os}}/{{.Architecture}}/{{.Variant}}' "$1" 2>/dev/null || true
}

is_arm_image() {
  [ "$(image_platform "$1")" = "$ARM_PLATFORM" ]
}

# fix_platform_label IMAGE: rewrites the image config's architecture to arm/v7 through save/load.
# The config file is named by its sha256, so it is renamed and manifest.json updated.
fix_platform_label() {
  local image="$1" work cfg newcfg sum
  work="$(mktemp -d /var/tmp/mailstack-armfix.XXXXXX)"
  docker save "$image" | tar -x -C "$work" || { rm -rf "$work"; die 4 "docker save of $image failed (space?)"; }
  cfg="$(jq -r '.[0].Config' "$work/manifest.json")"
  jq -c '.architecture = "arm" | .variant = "v7"' "$work/$cfg" >"$work/config.new"
  sum="$(sha256sum "$work/config.new" | cut -d' ' -f1)"
  newcfg="$sum.json"
  rm -f "$work/$cfg"
  mv "$work/config.new" "$work/$newcfg"
  jq -c --arg c "$newcfg" '.[0].Config = $c' "$work/manifest.json" >"$work/manifest.new"
  mv "$work/manifest.new" "$work/manifest.json"
  local old_id
  old_id="$(docker image inspect -f '{{.Id}}' "$image")"
  docker rmi "$image" >/dev/null
  tar -C "$work" -c . | docker load >/dev/null
  rm -rf "$work"
  docker rmi "$old_id" >/dev/null 2>&1 || true
  is_arm_image "$image" || die 1 "$image is still labelled $(image_platform "$image") after the fix"
}

cache_load() {
  local image="$1" file="$ARM_IMAGE_CACHE/$2.tar"
  [ -n "$ARM_IMAGE_CACHE" ] && [ -f "$file" ] || return 1
  step "Loading $image from $file"
  docker load -i "$file" >/dev/null && is_arm_image "$image"
}

cache_save() {
  local image="$1" file="$ARM_IMAGE_CACHE/$2.tar"
  [ -n "$ARM_IMAGE_CACHE" ] || return 0
  [ "${3:-}" != if-missing ] || [ ! -f "$file" ] || return 0
  mkdir -p "$ARM_IMAGE_CACHE"
  docker save -o "$file.tmp" "$image" && mv "$file.tmp" "$file"
  ok "Saved $image to $file"
}

ensure_arm_base() {
  if is_arm_image "$ARM_BASE_IMAGE"; then
    ok "Base image $ARM_BASE_IMAGE present ($ARM_PLATFORM)"
    cache_save "$ARM_BASE_IMAGE" debian-armv7 if-missing
    return
  fi
  if docker image inspect "$ARM_BASE_IMAGE" >/dev/null 2>&1; then
    step "Fixing the platform label of $ARM_BASE_IMAGE (was $(image_platform "$ARM_BASE_IMAGE"))"
    fix_platform_label "$ARM_BASE_IMAGE"
    ok "$ARM_BASE_IMAGE is $ARM_PLATFORM"
    return
  fi
  cache_load "$ARM_BASE_IMAGE" debian-armv7 && { ok "Base image $ARM_BASE_IMAGE loaded from the cache"; return; }
  [ -e /proc/sys/fs/binfmt_misc/qemu-arm ] \
    || die 3 "qemu-arm is not registered with binfmt_misc: run scripts/lib/docker-setup.sh as root first"
  need_root_for "Building the arm base image with debootstrap" "a registry that serves $ARM_BASE_IMAGE"
  check_space
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  command -v jq >/dev/null 2>&1 || apt_install jq
  local mirror rootfs start
  mirror="$(apt_mirror)"
  rootfs="$(mktemp -d /var/tmp/mailstack-rootfs-armhf.XXXXXX)"
  start=$SECONDS
  step "debootstrap --arch=armhf bookworm under qemu (about 3 min)"
  if ! debootstrap --arch=armhf --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1; then
    tail -20 "$rootfs.log" >&2
    rm -rf "$rootfs" "$rootfs.log"
    die 4 "debootstrap --arch=armhf failed (log above). Check the apt mirror ($mirror), qemu-arm and free space."
  fi
  rm -f "$rootfs.log"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  tar -C "$rootfs" --exclude='./var/cache/apt/archives/*.deb' --exclude='./proc/*' --exclude='./sys/*' -c . \
    | docker import --platform "$ARM_PLATFORM" -c 'CMD ["bash"]' - "$ARM_BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  step "Fixing the platform label (engine records $(image_platform "$ARM_BASE_IMAGE"))"
  fix_platform_label "$ARM_BASE_IMAGE"
  ok "Built $ARM_BASE_IMAGE ($(image_platform "$ARM_BASE_IMAGE")) in $((SECONDS - start)) s"
  cache_save "$ARM_BASE_IMAGE" debian-armv7
}

# build_for_arm IMAGE CONTEXT_DIR [DOCKERFILE]: builds CONTEXT_DIR's Dockerfile for linux/arm/v7 by replacing its
# first FROM line's x86 base with the arm one (debian:bookworm-slim → ARM_BASE_IMAGE, mailstack/jre:17 →
# ARM_JRE_IMAGE); a Dockerfile that names its base with 'ARG BASE' / 'ARG JRE' gets them as build arguments.
# The result inherits the base's platform label, which is checked. Extra arguments go to docker build.
build_for_arm() {
  local image="$1" dir="$2" dockerfile="${3:-$2/Dockerfile}"
  shift 3 2>/dev/null || shift $#
  sed -e "0,/^FROM /s#^FROM debian:bookworm-slim\b#FROM $ARM_BASE_IMAGE#" \
      -e "0,/^FROM /s#^FROM mailstack/jre:17\b#FROM $ARM_JRE_IMAGE#" "$dockerfile" \
    | docker build --platform "$ARM_PLATFORM" -t "$image" -f - \
        --build-arg "BASE=$ARM_BASE_IMAGE" --build-arg "JRE=$ARM_JRE_IMAGE" "$@" "$dir" 2>&1 | progress_filter
  is_arm_image "$image" || die 1 "built $image but it is labelled $(image_platform "$image"), not $ARM_PLATFORM"
}

ensure_arm_jre() {
  local want have
  want="$(jre_recipe_hash)"
  have="$(docker image inspect -f '{{index .Config.Labels "org.mailstack.recipe"}}' "$ARM_JRE_IMAGE" 2>/dev/null || true)"
  if is_arm_image "$ARM_JRE_IMAGE" && [ "$have" = "$want" ]; then
    ok "JRE image $ARM_JRE_IMAGE present ($ARM_PLATFORM)"
    cache_save "$ARM_JRE_IMAGE" jre-armv7 if-missing
    return
  fi
  if cache_load "$ARM_JRE_IMAGE" jre-armv7 \
     && [ "$(docker image inspect -f '{{index .Config.Labels "org.mailstack.recipe"}}' "$ARM_JRE_IMAGE")" = "$want" ]; then
    ok "JRE image $ARM_JRE_IMAGE loaded from the cache"
    return
  fi
  check_space
  local start=$SECONDS
  step "Building $ARM_JRE_IMAGE under qemu (jlinks the runtime, about 5 min)"
  build_for_arm "$ARM_JRE_IMAGE" "$ARM_LIB_DIR/../../docker/jre" "" --label "org.mailstack.recipe=$want"
  ok "Built $ARM_JRE_IMAGE in $((SECONDS - start)) s"
  cache_save "$ARM_JRE_IMAGE" jre-armv7
}

ensure_arm_images() {
  ensure_arm_base
  ensure_arm_jre
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_arm_images
fi
