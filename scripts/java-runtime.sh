# Which JDK the server runs on, and which start-up archive that JDK maps. Sourced by
# scripts/start-server.sh, scripts/dist.sh, scripts/cds-archive.sh and scripts/run.sh, not run.
#
# The server's start-up is recorded at build time into the directory it is served from, for the
# JDK it will run on:
#   - on JDK 25 or newer, an ahead-of-time cache (JEP 483/514: classes loaded and linked, method
#     profiles), DIR/conops-server.aot: ConOps is ready in about half the time of the JDK 17 start;
#   - on older JDKs, a dynamic class data sharing archive, DIR/conops-server.jsa.
# Beside it, DIR/conops-server.aot.jvm or DIR/conops-server.jsa.jvm is a copy of the recording
# JDK's `release` file: an archive maps only into the JVM that made it.
#
# The JDK: CONOPS_JAVA_HOME when set; otherwise the newest JDK 25+ among JAVA_HOME (or the java on
# PATH) and the JDKs installed under /usr/lib/jvm (the bytecode is Java 17: every JDK from 17 on
# runs it, but only 25 and newer have the cache); when there is none, JAVA_HOME, else PATH.

# java_home_of JAVA: the home directory of a java binary
java_home_of() {
  dirname "$(dirname "$(readlink -f "$1")")"
}

# java_major HOME: the feature version its release file names, without starting a JVM (0 if none)
java_major() {
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "${version:-0}"
}

# runtime_java_home: the JDK the server runs on (see above); a CONOPS_JAVA_HOME that is no JDK 17+
# stops the caller with one line naming it
runtime_java_home() {
  if [ -n "${CONOPS_JAVA_HOME:-}" ]; then
    if [ ! -x "$CONOPS_JAVA_HOME/bin/java" ]; then
      echo "[run] CONOPS_JAVA_HOME=$CONOPS_JAVA_HOME has no bin/java: point it at a JDK 17 or newer" >&2
      return 1
    fi
    if [ "$(java_major "$CONOPS_JAVA_HOME")" -lt 17 ]; then
      echo "[run] CONOPS_JAVA_HOME=$CONOPS_JAVA_HOME is not a JDK 17 or newer (its release file names none)" >&2
      return 1
    fi
    # as an absolute path: the scripts change directories before they start java
    (cd "$CONOPS_JAVA_HOME" && pwd -P)
    return
  fi
  local default best="" best_major=0 home major
  default=$(java_home_of "$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")")
  for home in "$default" /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
    home=$(java_home_of "$home/bin/java")
    major=$(java_major "$home")
    if [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best=$home best_major=$major
    fi
  done
  echo "${best:-$default}"
}

# archive_of HOME DIR: the start-up archive DIR holds for that JDK's kind (whether it exists or not)
archive_of() {
  if [ "$(java_major "$1")" -ge 25 ]; then echo "$2/conops-server.aot"; else echo "$2/conops-server.jsa"; fi
}

# archive_fits HOME DIR: whether DIR holds a start-up archive that this very JDK recorded
archive_fits() {
  local archive
  archive=$(archive_of "$1" "$2")
  [ -f "$archive" ] && cmp -s "$1/release" "$archive.jvm"
}

# aot_flag JAR: -Dspring.aot.enabled=true when the jar carries the classes Spring's ahead-of-time
# processing generated (the build's cds profile; a zip names its entries uncompressed), else nothing
aot_flag() {
  if grep -qa 'io/conops/server/ConopsApplication__ApplicationContextInitializer' "$1" 2>/dev/null; then
    echo "-Dspring.aot.enabled=true"
  fi
}
