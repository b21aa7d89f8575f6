#!/usr/bin/env bash
# Time to the first page of a 10,000-message INBOX in the webmail, against the project's IMAP server over a Maildir.
# Prints figures; never passes or fails.
#
#   bench/webmail/run.sh [MESSAGES] [ROUNDS] [WORKDIR]     defaults: 10000 messages, 20 rounds, bench/webmail/target/work
#
# Needs: a JDK 17 (java) and Maven (builds core, imap and webmail on the first run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
messages="${1:-10000}"
rounds="${2:-20}"
work="${3:-$here/target/work}"

echo "building core, imap and webmail…"
(cd "$root" && mvn -B -q -pl webmail,imap -am install -DskipTests -Dexec.skip=true)
mkdir -p "$here/target"
cp="$root/webmail/target/classes:$root/imap/target/classes"
for module in webmail imap; do
  (cd "$root" && mvn -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$here/target/classpath-$module" >/dev/null)
  cp="$cp:$(cat "$here/target/classpath-$module")"
done

rm -rf "$work"; mkdir -p "$work"
java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.io.netty=error "$here/FirstPageBench.java" "$work" "$messages" "$rounds"
