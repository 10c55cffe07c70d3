#!/usr/bin/env bash
# `npm test`: the one command that runs every check and test. Installs and builds what is missing, lints and
# type-checks, then runs all jest projects (their global setup provisions, once, into .cache/ and starts Kafka and
# FerretDB on free 127.0.0.1 ports, stopping them afterwards; MONGO_URL + KAFKA_BROKERS use external servers) and the
# web client's Vitest component tests. Arguments go to jest alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/scripts/prepare.sh
npx turbo run lint typecheck --output-logs=errors-only
results=.cache/jest-results.json
mkdir -p .cache
status=0
npx jest --ci --json --outputFile="$results" "$@" || status=$?
# the web client's component tests (Vitest, jsdom): no servers needed
if [ $# -eq 0 ]; then npm run test:components -w @hub/web || status=$?; fi
# one plain closing line, whatever the runner's own summary looks like
node -e 'const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`)' "$results" || true
exit $status
