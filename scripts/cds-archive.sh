#!/usr/bin/env bash
# Records the start-up archive of the server for an extracted server jar:
#   scripts/cds-archive.sh DIR
# DIR holds conops-server.jar and lib/ (`java -Djarmode=tools -jar conops-server.jar extract`).
# The server is started once, with its own scratch data directory, H2 and no Docker Engine, on the
# JDK it will run on (scripts/java-runtime.sh); it is asked what a start and its first callers ask
# (the probes, the API, the sign-in page) and stopped, and that JVM records what it loaded: on JDK 25 or newer an ahead-of-time cache, DIR/conops-server.aot (classes
# loaded and linked, method profiles), on older JDKs a dynamic class data sharing archive,
# DIR/conops-server.jsa. Beside it, a copy of the recording JDK's release file (.aot.jvm or
# .jsa.jvm): an archive maps only into the JVM that made it, and only from the path it was made at.
# When the jar carries Spring's ahead-of-time initialization, the training run uses it, as the
# server does. The build (the cds profile), scripts/run.sh and the image use it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/java-runtime.sh"
dir=$(cd "${1:?usage: cds-archive.sh DIR}" && pwd -P)
home=$(runtime_java_home)
archive=$(archive_of "$home" "$dir")
case $archive in
  *.aot) record=("-XX:AOTCacheOutput=$archive" -Xlog:aot=off -Xlog:cds=off) ;;
  *) record=("-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off) ;;
esac
aot=$(aot_flag "$dir/conops-server.jar")
scratch=$(mktemp -d)
server=""
# whatever happens, the training server does not outlive this script
trap '[ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true; rm -rf "$scratch"' EXIT
token=cds-training-token-0123456789

rm -f "$archive" "$archive.jvm"
# only the training run's own settings: nothing from the caller's environment reaches it; the same
# collector and compiler as scripts/start-server.sh (an ahead-of-time cache holds both's choices).
# No Docker Engine on purpose: a server with an empty database beside a real one must never touch it.
(cd "$scratch" && exec env -i PATH="$PATH" HOME="$scratch" \
  CONOPS_DATA_DIR="$scratch/data" DB_TYPE=h2 DB_CONNECTION_STRING= SERVER_PORT=0 SERVER_ADDRESS=127.0.0.1 \
  CONOPS_ADMIN_TOKEN="$token" DOCKER_HOST="unix://$scratch/no-docker.sock" \
  "$home/bin/java" "${record[@]}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${aot:+"$aot"} \
  -Dlogging.level.root=WARN -Dlogging.level.org.springframework.boot.tomcat.TomcatWebServer=INFO \
  -jar "$dir/conops-server.jar") >"$scratch/training.log" 2>&1 &
server=$!

# Once it listens, what a start and its first callers use: the probes, the API, the sign-in page.
# Then it is stopped as a service manager stops it, and the JVM writes the archive as it exits.
request() { # PATH [HEADER]: a GET over bash's own TCP, the answer read and dropped
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n%s\r\n' "$1" "${2:+$2$'\r\n'}" >&3
  timeout 30 cat <&3 >/dev/null || true
  exec 3<&- 3>&-
}
port=""
for _ in $(seq 1 1200); do
  kill -0 "$server" 2>/dev/null || break
  port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$scratch/training.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
  cat "$scratch/training.log" >&2
  echo "the training run did not start" >&2
  exit 1
fi
for _ in 1 2 3; do
  request /actuator/health/readiness || true
  request /actuator/health/liveness || true
  request /api/v1/apps/ "Authorization: Bearer $token" || true
  request /ui/login || true
done
kill -TERM "$server"
wait "$server" || true
server=""
[ -f "$archive" ] || { cat "$scratch/training.log" >&2; echo "no archive was written to $archive" >&2; exit 1; }
cp "$home/release" "$archive.jvm"
