#!/usr/bin/env bash
# Runs ConOps on this host, in the foreground, with an embedded H2 database.
#
# It needs a Docker Engine with the Compose v2 plugin, a JDK (17 or newer) and Maven; when one of
# them is missing, scripts/install-runtime.sh installs it from the distribution (nothing that only
# the tests need: that is scripts/provision.sh). It builds the jars when they are missing or older
# than the sources it last built them from; scripts/start-server.sh then starts the build's own
# directory, conops-server/target/dist/<build>/ (the extracted jar with the start-up archive the
# build recorded there for the JDK the server runs on: scripts/dist.sh, scripts/java-runtime.sh), so that building the checkout again never
# changes the classes under a running server and no start records anything.
# Once the server answers its readiness probe, one line says where the dashboard is and where the
# admin token is.
#
# Settings come from the environment (see the README's configuration table); CONOPS_DATA_DIR
# defaults to ./data. Extra arguments are passed to the server.
set -euo pipefail
# a relative CONOPS_JAVA_HOME or CONOPS_DATA_DIR means from where run.sh was started
if [ -n "${CONOPS_JAVA_HOME:-}" ] && [ -d "$CONOPS_JAVA_HOME" ]; then
  CONOPS_JAVA_HOME=$(cd "$CONOPS_JAVA_HOME" && pwd -P)
  export CONOPS_JAVA_HOME
fi
cd "$(dirname "$0")/.."

. scripts/java-runtime.sh
if ! docker version -f '{{.Server.Version}}' >/dev/null 2>&1 || ! docker compose version >/dev/null 2>&1 \
  || ! command -v javac >/dev/null 2>&1 || [ "$(java_major "$(java_home_of "$(command -v java)")")" -lt 17 ] 2>/dev/null || ! command -v mvn >/dev/null 2>&1; then
  bash scripts/install-runtime.sh
fi

# Built when missing, or when a source changed since this script last built them (the stamp: the
# jars' own times are fixed by the reproducible build). Jars built by hand are taken as they are.
jar=conops-server/target/conops-server.jar
stamp=conops-server/target/run-built.stamp
if [ ! -f "$jar" ] || [ ! -f conops-ctl/target/conops-ctl.jar ] \
  || { [ -f "$stamp" ] && [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$stamp" -print -quit)" ]; }; then
  echo "[run] building the jars"
  mvn -q -B -DskipTests package
  touch "$stamp"
fi

export CONOPS_DATA_DIR="${CONOPS_DATA_DIR:-./data}"
mkdir -p "$CONOPS_DATA_DIR"
chmod 0700 "$CONOPS_DATA_DIR"
data=$(cd "$CONOPS_DATA_DIR" && pwd)

# --- the build this start serves from --------------------------------------------------------
# The build made it (scripts/dist.sh: the jar extracted into a directory of its own build, with its
# start-up archive recorded there) and it is served as it is: nothing is copied or
# recorded at a start. Only a build without it (-DskipCds) or an archive of another JDK costs one
# recording here, once.
dist=conops-server/target/dist
if [ ! -e "$dist/current" ]; then
  echo "[run] recording a start-up archive for this build (it was built without one)"
  bash scripts/dist.sh "$jar" "$dist" || { echo "[run] no archive made: starting without it" >&2; rm -f "$dist/current"; }
fi
java_home=$(runtime_java_home)
if [ -e "$dist/current" ] && ! archive_fits "$java_home" "$(readlink -f "$dist/current")"; then
  echo "[run] recording a start-up archive for the JDK in $java_home (the build made none for it)"
  bash scripts/cds-archive.sh "$(readlink -f "$dist/current")" || echo "[run] no archive made: starting without it" >&2
fi

# --- copies an earlier run.sh made -----------------------------------------------------------
# Earlier versions served a copy of each build from <data dir>/server/<build>/ (about 230 MB each),
# which the build's own directory replaced. A copy that no running process was started from goes.
# A copy is in use when a process holds one of its files open (a JVM keeps its jars open) or names
# it on its command line, compared by physical path; without /proc nothing is removed.
copy_in_use() {
  local real fd
  real=$(cd "$1" && pwd -P)
  [ -d /proc/self/fd ] || return 0
  for fd in /proc/[0-9]*/fd/*; do
    case $(readlink "$fd" 2>/dev/null) in "$real"/*) return 0 ;; esac
  done
  grep -qsaF -e "$real/" -e "$1" /proc/[0-9]*/cmdline
}
if [ -d "$data/server" ]; then
  for old in "$data"/server/*/; do
    [[ $(basename "$old") =~ ^[0-9a-f]{16}$ ]] || continue
    copy_in_use "$old" || rm -rf "$old"
  done
  rmdir "$data/server" 2>/dev/null || true
fi

# --- the ready line --------------------------------------------------------------------------
port=${SERVER_PORT:-8080}
host=${SERVER_ADDRESS:-${CONOPS_BIND_ADDRESS:-127.0.0.1}}
case "$host" in 0.0.0.0 | :: | "[::]") probe=127.0.0.1 ;; *) probe=$host ;; esac
[[ $probe == *:* && $probe != \[* ]] && url_host="[$probe]" || url_host=$probe
if [ -n "${CONOPS_ADMIN_TOKEN:-}" ]; then token="the admin token is the CONOPS_ADMIN_TOKEN you set"
else token="the admin token is in $data/admin-token"; fi
ready() {
  exec 3<>"/dev/tcp/$probe/$port" || return 1
  printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: %s\r\n\r\n' "$url_host" >&3
  local status=""
  IFS= read -r -t 5 status <&3 || true
  exec 3<&- 3>&-
  [[ $status == *" 200"* ]]
}
# a background watcher: the server keeps this shell's process id (exec below), so the watcher
# stops when the server does
(
  for _ in $(seq 1 1200); do
    kill -0 $$ 2>/dev/null || exit 0
    if ready 2>/dev/null; then
      echo "[run] ConOps is ready: dashboard http://$url_host:$port/ ; $token"
      exit 0
    fi
    sleep 0.5
  done
) &

echo "[run] starting ConOps on port $port, data in $data"
exec scripts/start-server.sh "$@"
