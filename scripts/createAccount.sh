#!/usr/bin/env bash
# createAccount.sh: 'mailctl create' with the same options; 'createAccount.sh --help' lists them.
exec "$(dirname "${BASH_SOURCE[0]}")/mailctl" create "$@"
