#!/usr/bin/env bash
# deleteAccount.sh: 'mailctl delete' with the same options; 'deleteAccount.sh --help' lists them.
exec "$(dirname "${BASH_SOURCE[0]}")/mailctl" delete "$@"
