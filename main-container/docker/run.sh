#!/bin/sh
# Starts the application jar given as $1 with the image's JVM settings (JAVA_OPTS), as the image's user.
jar="$1"; shift
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "$jar" "$@"
