#!/usr/bin/env bash
# build-image.sh IMAGE MODULE_DIR: builds one of the project's images from MODULE_DIR/Dockerfile,
# whose context is MODULE_DIR (a Maven module's image copies target/app, made by 'mvn package').
# Used by Maven (pre-integration-test) and by ./mailstack. Layers are cached by the engine.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
image="$1"; dir="$2"
if [ -f "$dir/pom.xml" ]; then
  [ -d "$dir/target/app" ] || die 1 "$dir/target/app is missing: run 'mvn package' first"
fi
# The image it is built on (mailstack/jre:17, or debian:bookworm-slim): made by docker-setup.sh, never pulled here.
base="$(sed -n 's/^FROM[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' "$dir/Dockerfile" | head -1)"
docker image inspect "$base" >/dev/null 2>&1 \
  || die 3 "base image $base missing: run scripts/lib/docker-setup.sh (./mailstack setup) first"
step "Building image $image"
set -o pipefail
docker build -t "$image:latest" "$dir" 2>&1 | progress_filter
ok "Image $image:latest ready"
