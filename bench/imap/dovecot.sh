#!/usr/bin/env bash
# Starts Debian's Dovecot as user nobody on 127.0.0.1:$2 over the Maildir $1/Maildir (static password "bench").
# Prints the master's pid. Configuration, logs and state stay under $1.
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir/run" "$dir/state" "$dir/Maildir" "$dir/home"
cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/Maildir
default_internal_user = nobody
default_internal_group = nogroup
default_login_user = nobody
default_process_limit = 200
default_client_limit = 1000
mail_max_userip_connections = 200
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service imap {
  process_limit = 200
}
protocol imap {
  mail_plugins = \$mail_plugins imap_zlib
}
passdb {
  driver = static
  args = password=bench
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/home
}
CONF
chown -R nobody:nogroup "$dir"
setpriv --reuid=nobody --regid=nogroup --clear-groups dovecot -c "$dir/dovecot.conf"
for _ in $(seq 1 100); do
  [ -f "$dir/run/master.pid" ] && break
  sleep 0.1
done
cat "$dir/run/master.pid"
