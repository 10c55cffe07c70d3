#!/usr/bin/env bash
# `npm start`: install and build if needed, then bring the whole hub up (infra/src/up.ts). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/scripts/prepare.sh
# the built script, not tsx: tsx relays Ctrl-C to its child and SIGKILLs it when it does not confirm within 30 ms,
# which on a busy machine killed up.ts before it could stop the servers it started
exec node infra/dist/up.js
