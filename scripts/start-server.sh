#!/usr/bin/env bash
# Starts the built ConOps server in the foreground; scripts/run.sh calls it once Docker is there.
#
# It starts from the extracted jar of the latest build with the class data sharing archive the build
# recorded beside it (conops-server/target/dist/current, see scripts/dist.sh and the cds profile in
# conops-server/pom.xml, or the directory CONOPS_SERVER_DIR names) when that archive was made by
# this JDK, which roughly halves the start-up; otherwise (another JDK, or a build with -DskipCds)
# from the plain jar, saying so. Java comes from JAVA_HOME when set (as Maven's does),
# else from PATH. JVM flags: the serial collector (one small heap, no collector threads to feed on
# a few cores) and C1 only (ConOps waits on Git, Compose and the Engine; C2's compile bursts cost
# more than they give back), and the JVM's performance counters sampled once a second rather than
# twenty times (an idle server's largest wake-up after the reconcile tick; jps and jstat still
# work). JAVA_OPTS adds or overrides flags; extra arguments go to the server.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# the build's directory by its own path: an archive maps only from the path it was recorded at
extracted=$(readlink -f "${CONOPS_SERVER_DIR:-$root/conops-server/target/dist/current}") \
  || extracted=$root/conops-server/target/dist/current
if [ -n "${CONOPS_SERVER_DIR:-}" ]; then jar=$extracted/conops-server.jar; else jar=$root/conops-server/target/conops-server.jar; fi
archive=$extracted/conops-server.jsa
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:PerfDataSamplingInterval=1000 -Xms32m)

if [ -f "$archive" ] && [ -f "$archive.jvm" ] && [ -f "$extracted/conops-server.jar" ]; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
  if cmp -s "$home/release" "$archive.jvm"; then
    jar=$extracted/conops-server.jar
    flags+=("-XX:SharedArchiveFile=$archive")
  else
    echo "[run] the class data archive was made by another JDK than $home: starting without it" \
      "(build again with this JDK to make one)" >&2
  fi
fi
[ -f "$jar" ] || { echo "[run] $jar is missing: build it with mvn -B -DskipTests package" >&2; exit 1; }
# JAVA_OPTS unquoted on purpose: it holds several flags
# shellcheck disable=SC2086
exec "$java" "${flags[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"
