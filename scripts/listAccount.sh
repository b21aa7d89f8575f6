#!/usr/bin/env bash
# listAccount.sh: 'mailctl list' with the same options; 'listAccount.sh --help' lists them.
exec "$(dirname "${BASH_SOURCE[0]}")/mailctl" list "$@"
