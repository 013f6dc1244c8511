#!/usr/bin/env bash
# Starts the built ConOps server in the foreground; scripts/run.sh calls it once Docker is there.
#
# It starts from the extracted jar of the latest build (conops-server/target/dist/current, see
# scripts/dist.sh and the cds profile in conops-server/pom.xml, or the directory CONOPS_SERVER_DIR
# names) with the start-up archive the build recorded there for the JDK it runs on
# (scripts/java-runtime.sh: the newest JDK 25+ installed, with its ahead-of-time cache; else
# JAVA_HOME or the java on PATH, with a class data sharing archive; CONOPS_JAVA_HOME chooses), and
# with Spring's ahead-of-time initialization that the same build generated. Without a fitting
# archive (another JDK, or a build with -DskipCds) it starts from the plain jar, saying so.
# JVM flags: the serial collector (one small heap, no collector threads to feed on a few cores) and
# C1 only (ConOps waits on Git, Compose and the Engine; C2's compile bursts cost more than they
# give back), and, before JDK 25, the JVM's performance counters sampled once a second rather than
# twenty times (an idle server's largest wake-up after the reconcile tick; jps and jstat still work).
# JAVA_OPTS adds or overrides flags; extra arguments go to the server.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/scripts/java-runtime.sh"
home=$(runtime_java_home)
java=$home/bin/java
# the build's directory by its own path: an archive maps only from the path it was recorded at
extracted=$(readlink -f "${CONOPS_SERVER_DIR:-$root/conops-server/target/dist/current}") \
  || extracted=$root/conops-server/target/dist/current
if [ -n "${CONOPS_SERVER_DIR:-}" ]; then jar=$extracted/conops-server.jar; else jar=$root/conops-server/target/conops-server.jar; fi
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms32m)
# JDK 25 has no sampler thread to slow down (the option is gone); its ahead-of-time cache warns at
# each start about entries of its code cache it leaves out, which changes nothing: errors only
if [ "$(java_major "$home")" -ge 25 ]; then flags+=(-Xlog:aot*=error); else flags+=(-XX:PerfDataSamplingInterval=1000); fi

if [ -f "$extracted/conops-server.jar" ] && archive_fits "$home" "$extracted"; then
  jar=$extracted/conops-server.jar
  archive=$(archive_of "$home" "$extracted")
  case $archive in
    *.aot) flags+=("-XX:AOTCache=$archive") ;;
    *) flags+=("-XX:SharedArchiveFile=$archive") ;;
  esac
elif [ -f "$extracted/conops-server.jar" ]; then
  echo "[run] the build recorded no start-up archive for the JDK in $home: starting without one" \
    "(build again with it to record one)" >&2
fi
[ -f "$jar" ] || { echo "[run] $jar is missing: build it with mvn -B -DskipTests package" >&2; exit 1; }
aot=$(aot_flag "$jar")
# JAVA_OPTS unquoted on purpose: it holds several flags
# shellcheck disable=SC2086
exec "$java" "${flags[@]}" ${aot:+"$aot"} ${JAVA_OPTS:-} -jar "$jar" "$@"
