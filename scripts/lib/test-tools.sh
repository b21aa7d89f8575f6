#!/usr/bin/env bash
# Installs the real clients and servers the tests drive (when missing): Python's imaplib, swaks, mutt, mbsync,
# Chromium, promtool, rspamd and redis.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v swaks >/dev/null 2>&1 || missing+=(swaks)
command -v mutt >/dev/null 2>&1 || missing+=(mutt)
command -v mbsync >/dev/null 2>&1 || missing+=(isync)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
# SSH into user containers: the OpenSSH client, and sshpass for password logins
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v sshpass >/dev/null 2>&1 || missing+=(sshpass)
# the webmail's browser tests: headless Chromium and its driver, from Debian
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# promtool checks the main container's /metrics (the package's daemon is not started, see below)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
# the spam filter's tests start Debian's rspamd themselves, on 127.0.0.1 with a configuration of their own
[ -x /usr/bin/rspamd ] || missing+=(rspamd)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die 3 "the tests need: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root."
  step "Installing test clients: ${missing[*]}"
  # Packages are installed for their commands only: no service they ship is started.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt_install "${missing[@]}"
fi
ok "Test clients present"
