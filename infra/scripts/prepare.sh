# Sourced by up.sh and test-all.sh: Node 20, dependencies installed from the lock file, everything built
# (building the gateway composes the supergraph, so a composition error stops here).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [ "$node_major" != "20" ]; then
  echo "hub: Node.js 20 is required (found: $node_major)" >&2
  exit 1
fi
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 NPM_CONFIG_UPDATE_NOTIFIER=false
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm ci: exactly the lock file, which it never rewrites. The lock records every platform's optional packages
  # (@turbo/darwin-64, …; npm/cli#4828 left them out once), so it installs on any machine.
  echo "hub: installing dependencies" >&2
  npm ci --no-audit --no-fund
fi
npx turbo run build --output-logs=errors-only
