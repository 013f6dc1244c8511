#!/usr/bin/env bash
# Makes the directory a build of the server is served from:
#   scripts/dist.sh JAR ROOT
# JAR (the Spring Boot jar) is extracted into ROOT/<first 16 hex digits of its SHA-256>/, the
# start-up archive of the JDK the server will run on is recorded there (scripts/cds-archive.sh and
# scripts/java-runtime.sh: an ahead-of-time cache on JDK 25+, else a class data sharing archive),
# and the link ROOT/current is pointed at it. The build runs it (the cds profile in conops-server/pom.xml), so
# that scripts/run.sh and scripts/start-server.sh serve that directory as it is: nothing is copied
# or recorded when a server starts.
#
# Why a directory per build: the JVM opens the jars of its class path lazily and an archive maps
# only from the path it was made at, so building again must never change the files under a server
# that is still running. A new build gets a new directory; the two most recent before it are kept
# (a server started from one of them keeps its jars), older ones are removed. The same jar again
# (the build is reproducible) keeps its directory and archive: only the link moves.
set -euo pipefail
jar=$(readlink -f "${1:?usage: dist.sh JAR ROOT}")
mkdir -p "${2:?usage: dist.sh JAR ROOT}"
root=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/java-runtime.sh"
home=$(runtime_java_home)
name=$(sha256sum "$jar" | cut -c1-16)
dir=$root/$name

if [ ! -d "$dir" ]; then
  # extracted beside it and moved in whole: a directory under its final name is complete
  rm -rf "$dir.tmp"
  "$home/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir.tmp" >/dev/null
  mv "$dir.tmp" "$dir"
fi
# recorded at the final path (an archive maps only from there), again when another JDK made it
if ! archive_fits "$home" "$dir"; then
  bash "$here/cds-archive.sh" "$dir"
fi
touch "$dir"
ln -sfn "$name" "$root/current.tmp"
mv -T "$root/current.tmp" "$root/current"

# the two most recent builds before this one stay
find "$root" -mindepth 1 -maxdepth 1 -type d ! -name "$name" -printf '%T@ %p\n' | sort -rn | tail -n +3 \
  | cut -d' ' -f2- | while IFS= read -r old; do rm -rf "$old"; done
