#!/usr/bin/env bash
# `npm run fuzz`: the whole-graph fuzz test (services/jobs/test/fuzz.test.ts) with 10,000 inputs (FUZZ_RUNS), a
# seed of your choice (FUZZ_SEED) and its counts by error code at the end; a failure prints the seed and the shrunk input.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/scripts/prepare.sh
FUZZ_RUNS="${FUZZ_RUNS:-10000}" npx jest --selectProjects @hub/jobs --testPathPatterns 'fuzz\.test' "$@"
