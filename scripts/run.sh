#!/usr/bin/env bash
# Runs ConOps on this machine: makes sure Docker Engine + Compose v2 are there and running
# (scripts/provision.sh, which also sets up what the tests need), builds the jars if they are
# missing, then starts the server in the foreground with an embedded H2 database.
#
# Settings come from the environment (see the README's configuration table); CONOPS_DATA_DIR
# defaults to ./data. On the first start the server prints a generated admin token and keeps it
# (0600) in <data dir>/admin-token. Extra arguments are passed to the server.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/provision.sh

jar=conops-server/target/conops-server.jar
if [ ! -f "$jar" ] || [ ! -f conops-ctl/target/conops-ctl.jar ]; then
  echo "[run] building the jars"
  mvn -q -B -DskipTests package
fi

export CONOPS_DATA_DIR="${CONOPS_DATA_DIR:-./data}"
echo "[run] starting ConOps on port ${SERVER_PORT:-8080}, data in $CONOPS_DATA_DIR"
exec java -jar "$jar" "$@"
