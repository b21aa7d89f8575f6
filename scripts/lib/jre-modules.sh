#!/usr/bin/env bash
# jre-modules.sh: the JDK modules the images' application jars use, found by jdeps, checked against
# docker/jre/modules.list (the runtime jlink makes for both images). Run it after adding or upgrading a dependency:
#
#   mvn -q -o package -DskipTests -pl user-container,main-container -am
#   scripts/lib/jre-modules.sh            # exit 1, naming them, when a module the jars use is not in the list
#
# Needs a JDK 17 (jdeps) on this machine. Jars with a module descriptor that names modules outside the
# application (Netty's optional ones, for instance) make jdeps stop: their classes are read as a plain directory.
# A few minutes for both applications.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=common.sh
. "$HERE/common.sh"

command -v jdeps >/dev/null 2>&1 || die 3 "jdeps not found: install a JDK 17 (Debian: openjdk-17-jdk-headless)"
list="$ROOT/docker/jre/modules.list"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# modules_of APPDIR: the java.*/jdk.* modules each jar of APPDIR (the jar and lib/) needs, one per line.
modules_of() {
  local app="$1" jar out dir v
  for jar in "$app"/*.jar "$app"/lib/*.jar; do
    if ! out="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --class-path "$app/lib/*" \
                "$jar" 2>/dev/null)"; then
      dir="$work/$(basename "$jar")"
      mkdir -p "$dir"
      (cd "$dir" && unzip -qo "$jar" '*.class' -x 'module-info.class' 'META-INF/versions/*/module-info.class' \
        2>/dev/null) || true
      for v in 9 10 11 12 13 14 15 16 17; do
        [ ! -d "$dir/META-INF/versions/$v" ] || cp -r "$dir/META-INF/versions/$v/." "$dir/"
      done
      rm -rf "$dir/META-INF"
      [ -n "$(find "$dir" -name '*.class' -print -quit)" ] || continue
      out="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --class-path "$app/lib/*" "$dir" \
               2>/dev/null)" \
        || die 1 "jdeps cannot read $(basename "$jar")"
    fi
    tail -1 <<<"$out" | tr ',' '\n'
  done
}

for module in user-container main-container; do
  app="$ROOT/$module/target/app"
  [ -d "$app" ] || die 1 "$app is missing: run mvn package for $module first"
  step "jdeps over $module/target/app"
  modules_of "$app" >>"$work/found"
done
sort -u "$work/found" | grep -E '^(java|jdk)\.' >"$work/needed"
# The listed modules with what they require: what jlink puts in the runtime.
java --limit-modules "$(grep -v '^#' "$list" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')" --list-modules \
  | sed 's/@.*//' | sort -u >"$work/listed"
echo "jdeps: $(paste -sd, "$work/needed")"
missing="$(comm -23 "$work/needed" "$work/listed")"
[ -z "$missing" ] || die 1 "not in docker/jre/modules.list: $(paste -sd' ' <<<"$missing") (add them; the JRE layer is rebuilt when the list changes)"
ok "docker/jre/modules.list holds every module the jars use"
