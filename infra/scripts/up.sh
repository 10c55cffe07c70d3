#!/usr/bin/env bash
# `npm start`: install and build if needed, then bring the whole hub up (infra/src/up.ts). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/scripts/prepare.sh
exec npx tsx infra/src/up.ts
