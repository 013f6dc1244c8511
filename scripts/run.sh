#!/usr/bin/env bash
# Runs ConOps on this machine: makes sure Docker Engine + Compose v2 are there and running
# (scripts/provision.sh when they are not, which also sets up what the tests need), builds the jars
# if they are missing, then starts the server in the foreground with an embedded H2 database,
# through scripts/start-server.sh (from the build's class data sharing archive when there is one).
#
# Settings come from the environment (see the README's configuration table); CONOPS_DATA_DIR
# defaults to ./data. On the first start the server prints a generated admin token and keeps it
# (0600) in <data dir>/admin-token. Extra arguments are passed to the server.
set -euo pipefail
cd "$(dirname "$0")/.."

# the engine answers and Compose is there: nothing to provision (provision.sh would also check
# PostgreSQL and Chromium, which only the tests need, and that costs more than starting ConOps)
if ! docker version -f '{{.Server.Version}}' >/dev/null 2>&1 || ! docker compose version >/dev/null 2>&1; then
  bash scripts/provision.sh
fi

jar=conops-server/target/conops-server.jar
if [ ! -f "$jar" ] || [ ! -f conops-ctl/target/conops-ctl.jar ]; then
  echo "[run] building the jars"
  mvn -q -B -DskipTests package
fi

export CONOPS_DATA_DIR="${CONOPS_DATA_DIR:-./data}"
echo "[run] starting ConOps on port ${SERVER_PORT:-8080}, data in $CONOPS_DATA_DIR"
exec scripts/start-server.sh "$@"
