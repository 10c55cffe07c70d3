#!/usr/bin/env bash
# Fetches the real servers the hub runs on into the ignored cache ($HUB_CACHE_DIR, default <repo>/.cache).
# Idempotent, and a fast no-op once both are cached:
#   kafka/libs/*          Kafka 3.9.2 + reload4j from Maven Central (infra/kafka/pom.xml), marker .complete
#   ferretdb/bin/ferretdb FerretDB v1.24.2 built from the Go module proxy's source
# and PostgreSQL 15 (FerretDB's storage) from Debian's package postgresql-15, installed with apt-get when missing,
# as is Debian's chromium for the browser tests.
# A tool is only required when the thing it builds is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${HUB_CACHE_DIR:-$ROOT/.cache}"
POM="$ROOT/infra/kafka/pom.xml"
KAFKA_LIBS="$CACHE/kafka/libs"
KAFKA_MARKER="$KAFKA_LIBS/.complete"
FERRETDB_VERSION=v1.24.2
FERRETDB_BIN="$CACHE/ferretdb/bin/ferretdb"
POSTGRES_BIN_DIR="${POSTGRES_BIN_DIR:-/usr/lib/postgresql/15/bin}"

say() { echo "provision: $*"; }
fail() { echo "provision: $*" >&2; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || fail "Java 17 is required (apt-get install openjdk-17-jre-headless)"
  local major
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [ "${major:-0}" -ge 17 ] || fail "Java 17 is required, found Java ${major:-unknown} (apt-get install openjdk-17-jre-headless)"
}
require_mvn() {
  command -v mvn >/dev/null 2>&1 || fail "Maven 3.8+ is required to fetch Kafka (apt-get install maven)"
}
require_go() {
  command -v go >/dev/null 2>&1 || fail "Go 1.24+ is required to build FerretDB (https://go.dev/dl/)"
}

fetch_kafka() {
  # The marker holds the POM's checksum, so changing a dependency version fetches again.
  local sum
  sum="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [ -f "$KAFKA_MARKER" ] && [ "$(cat "$KAFKA_MARKER")" = "$sum" ]; then
    say "Kafka jars cached ($KAFKA_LIBS)"
    return
  fi
  require_mvn
  say "fetching Kafka 3.9.2 jars into $KAFKA_LIBS"
  # Fetch into a sibling folder and swap, so an interrupted download never looks complete.
  local tmp="$KAFKA_LIBS.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # Maven's output is only noise unless it fails.
  local log
  if ! log="$(mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1)"; then
    echo "$log" >&2
    fail "mvn dependency:copy-dependencies failed (above)"
  fi
  [ -f "$tmp/kafka_2.13-3.9.2.jar" ] || fail "Maven finished but kafka_2.13-3.9.2.jar is missing in $tmp"
  echo "$sum" >"$tmp/.complete"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  say "Kafka jars ready ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars)"
}

fetch_ferretdb() {
  local version=""
  [ -x "$FERRETDB_BIN" ] && version="$("$FERRETDB_BIN" --version 2>/dev/null | head -n1)" || true
  if [ "$version" = "version: $FERRETDB_VERSION" ]; then
    say "FerretDB $FERRETDB_VERSION cached ($FERRETDB_BIN)"
    return
  fi
  require_go
  say "building FerretDB $FERRETDB_VERSION (first build takes a minute or more)"
  # `go install …@version` cannot be used: the proxy answers 403 on the module's version list. And a build
  # straight from the module cache panics at start, because the module zip lacks the generated
  # build/version/version.txt. So: download by exact version, copy the source, add that file, build.
  local module_dir
  module_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$module_dir" ] || fail "go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION gave no source folder"
  # Outside the repository, so Go does not try to stamp this repo's git state into the binary.
  SRC="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb-src.XXXXXX")"
  trap 'chmod -R u+w "$SRC" 2>/dev/null; rm -rf "$SRC"' EXIT
  cp -R "$module_dir/." "$SRC/"
  chmod -R u+w "$SRC"
  echo "$FERRETDB_VERSION" >"$SRC/build/version/version.txt"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$SRC" && GOFLAGS=-buildvcs=false GOTOOLCHAIN=local go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  "$FERRETDB_BIN.tmp" --version >/dev/null || fail "the FerretDB build does not start: $FERRETDB_BIN.tmp --version failed"
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  say "FerretDB ready ($FERRETDB_BIN)"
}

install_postgres() {
  if [ -x "$POSTGRES_BIN_DIR/postgres" ] && [ -x "$POSTGRES_BIN_DIR/initdb" ]; then
    say "PostgreSQL 15 installed ($POSTGRES_BIN_DIR)"
    return
  fi
  local hint="PostgreSQL 15 is required: apt-get install postgresql-15 (or set POSTGRES_BIN_DIR to its bin folder)"
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || fail "$hint"
  say "installing PostgreSQL 15 (apt-get install postgresql-15)"
  # only the binaries: the hub makes its own data folder, so Debian's default cluster is not wanted
  mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  local log
  if ! log="$( (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15) 2>&1)"; then
    echo "$log" | tail -n 20 >&2
    fail "$hint"
  fi
  [ -x "$POSTGRES_BIN_DIR/postgres" ] || fail "$hint"
  say "PostgreSQL 15 ready ($POSTGRES_BIN_DIR)"
}

install_chromium() {
  if [ -x /usr/bin/chromium ]; then
    say "Chromium installed (/usr/bin/chromium)"
    return
  fi
  local hint="Chromium is required for the browser tests: apt-get install chromium"
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || fail "$hint"
  say "installing Chromium for the browser tests (apt-get install chromium)"
  local log
  if ! log="$( (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) 2>&1)"; then
    echo "$log" | tail -n 20 >&2
    fail "$hint"
  fi
  [ -x /usr/bin/chromium ] || fail "$hint"
  say "Chromium ready (/usr/bin/chromium)"
}

require_java
fetch_kafka
fetch_ferretdb
install_postgres
install_chromium
