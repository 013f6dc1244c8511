#!/usr/bin/env bash
# Records a class data sharing archive of the server's start-up for an extracted server jar:
#   scripts/cds-archive.sh DIR
# DIR holds conops-server.jar and lib/ (`java -Djarmode=tools -jar conops-server.jar extract`).
# The server is started once until its context is refreshed, with its own scratch data directory,
# H2 and no Docker Engine, and the JVM writes the classes it loaded to DIR/conops-server.jsa;
# DIR/conops-server.jsa.jvm records which JVM wrote it (an archive maps only into that JVM, and only
# from the path it was made at). The build (the cds profile), scripts/run.sh and the image use it.
# Java comes from JAVA_HOME when set, else from PATH.
set -euo pipefail
dir=$(cd "${1:?usage: cds-archive.sh DIR}" && pwd -P)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# only the training run's own settings: nothing from the caller's environment reaches it
env -i PATH="$PATH" HOME="$scratch" \
  CONOPS_DATA_DIR="$scratch/data" DB_TYPE=h2 DB_CONNECTION_STRING= SERVER_PORT=0 SERVER_ADDRESS=127.0.0.1 \
  CONOPS_ADMIN_TOKEN=cds-training-token-0123456789 DOCKER_HOST="unix://$scratch/no-docker.sock" \
  "$java" -XX:ArchiveClassesAtExit="$dir/conops-server.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dspring.context.exit=onRefresh -Dlogging.level.root=WARN -jar "$dir/conops-server.jar" >"$scratch/training.log" 2>&1 \
  || { cat "$scratch/training.log" >&2; exit 1; }
cp "$home/release" "$dir/conops-server.jsa.jvm"
