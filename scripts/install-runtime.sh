#!/usr/bin/env bash
# Installs and starts what running ConOps needs on a Debian-like host (as root or with sudo), and
# nothing else: Docker Engine with the Compose v2 plugin, a JDK (17 or newer) and Maven to build
# the jars. Each part only when it is missing, so it is quick when everything is there.
# scripts/run.sh calls it when something is missing; scripts/provision.sh (the tests' set-up)
# calls it first and adds what only the tests need.
set -euo pipefail

log() { echo "[install] $*"; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -q >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@" >/dev/null
}

# --- Docker Engine + Compose v2 -------------------------------------------------------------
if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  apt_install docker.io
fi
if ! docker compose version >/dev/null 2>&1; then
  # bookworm carries only the old Python docker-compose; trixie's is the Compose v2 plugin. The
  # trixie source is pinned low, so nothing else is taken from it.
  if apt-cache policy docker-compose 2>/dev/null | grep -q 'Candidate: 2\.'; then
    apt_install docker-compose
  else
    log "installing the Compose v2 plugin from trixie (pinned low)"
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    echo "deb $mirror trixie main" | $SUDO tee /etc/apt/sources.list.d/trixie.list >/dev/null
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' | $SUDO tee /etc/apt/preferences.d/trixie >/dev/null
    apt_updated=0
    apt_install -t trixie docker-compose
  fi
fi
if ! docker info >/dev/null 2>&1; then
  if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; then
    log "starting docker.service"
    $SUDO systemctl enable --now docker >/dev/null
  else
    # no systemd (a container, a CI sandbox): the daemon runs in the background, logging to a file
    log "starting dockerd"
    $SUDO bash -c 'nohup dockerd > /var/log/dockerd.log 2>&1 &'
  fi
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "the Docker Engine did not start (see /var/log/dockerd.log or journalctl -u docker)" >&2; exit 1; }
fi

# --- JDK and Maven ---------------------------------------------------------------------------
java_major() { java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}' | cut -d. -f1; }
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  log "installing a JDK (default-jdk-headless)"
  apt_install default-jdk-headless
fi
if ! command -v mvn >/dev/null 2>&1; then
  log "installing maven"
  apt_install maven
fi
