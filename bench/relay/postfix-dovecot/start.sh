#!/bin/sh
set -e
dovecot
newaliases 2>/dev/null || true
exec postfix start-fg
