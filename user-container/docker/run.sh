#!/bin/sh
# Starts the application jar given as $1 with the image's JVM settings (JAVA_OPTS), as the image's user.
# The image's class-data-sharing archive (made at build by cds-training.sh) is mapped when it is there.
jar="$1"; shift
cds=""
[ -f /opt/mailstack/app.jsa ] && cds="-XX:SharedArchiveFile=/opt/mailstack/app.jsa"
# shellcheck disable=SC2086
exec java $cds $JAVA_OPTS -jar "$jar" "$@"
