#!/usr/bin/env bash
# Installs and starts what ConOps' tests need on a fresh Debian machine (as root): what running
# needs (scripts/install-runtime.sh: Docker Engine + Compose v2, JDK, Maven), then the local test
# images (busybox, a Debian base for deploy/Dockerfile), Podman's API service with that image,
# OpenSSH, git and gnupg, systemd-analyze, a registry, PostgreSQL with a test role, Chromium.
# Idempotent: quick when everything is already there.
set -euo pipefail

log() { echo "[provision] $*"; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -q >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@" >/dev/null
}

# --- What running ConOps needs: Docker Engine + Compose v2, a JDK, Maven ---------------------
bash "$(dirname "$0")/install-runtime.sh"

# --- Local test image (no registry can be reached) -------------------------------------------
if ! [ -x /usr/bin/busybox ]; then
  log "installing busybox-static"
  apt_install busybox-static
fi
if ! docker image inspect local/busybox:1 >/dev/null 2>&1; then
  log "building local/busybox:1"
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/www" "$rootfs/etc"
  cp /usr/bin/busybox "$rootfs/bin/busybox"
  for c in sh sleep echo httpd cat ls wget true false env mkdir rm touch date grep kill ps; do
    ln -s busybox "$rootfs/bin/$c"
  done
  echo "root:x:0:0:root:/:/bin/sh" > "$rootfs/etc/passwd"
  echo "root:x:0:" > "$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - local/busybox:1 >/dev/null
  rm -rf "$rootfs"
fi

# --- Base image for deploy/Dockerfile (no registry can be reached: made from Debian packages) --
# A minimal trixie (its Compose v2 plugin, docker CLI and JRE 21 are packages), imported once and
# kept in the engine: the image IT passes it as BASE_IMAGE. The label names the recipe, so a
# changed recipe makes a new one. Its apt lists are dropped (the Dockerfile updates them anyway).
base_recipe="trixie-minbase-1"
if [ "$(docker image inspect -f '{{index .Config.Labels "conops.recipe"}}' local/debian:trixie 2>/dev/null)" != "$base_recipe" ]; then
  log "building local/debian:trixie with debootstrap (a minute or two, once)"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  rootfs=$(mktemp -d)
  $SUDO debootstrap --variant=minbase trixie "$rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
  $SUDO rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  $SUDO tar -C "$rootfs" -c . | docker import -c "LABEL conops.recipe=$base_recipe" -c 'CMD ["/bin/bash"]' - local/debian:trixie >/dev/null
  $SUDO rm -rf "$rootfs"
fi

# --- systemd-analyze, to verify deploy/conops.service (systemd itself is not started) ---------
if ! command -v systemd-analyze >/dev/null 2>&1; then
  log "installing systemd (for systemd-analyze only)"
  apt_install systemd
fi

# --- Container registry for pull, digest and registry-auth tests (the tests start it) ----------
if ! [ -x /usr/bin/docker-registry ]; then
  log "installing docker-registry"
  apt_install docker-registry
fi

# --- Podman and OpenSSH: the tests' second engines (docker_host unix:// and ssh://) -----------
if ! command -v podman >/dev/null 2>&1 || ! [ -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1; then
  log "installing podman, openssh-server and openssh-client"
  apt_install podman openssh-server openssh-client
fi
# the tests start their own sshd on loopback ports; a package's own one on port 22 is not needed
here=$(cd "$(dirname "$0")" && pwd)
podman_sock="${CONOPS_TEST_PODMAN_SOCKET:-/run/conops-test-podman.sock}"
if ! DOCKER_HOST="unix://$podman_sock" docker version >/dev/null 2>&1; then
  log "starting podman's API service on $podman_sock"
  # from /: conmon needs its working directory to exist for as long as the service runs
  $SUDO bash -c "cd / && setsid nohup '$here/podman-test.sh' system service --time=0 'unix://$podman_sock' > /var/log/conops-test-podman.log 2>&1 &"
  for _ in $(seq 1 60); do DOCKER_HOST="unix://$podman_sock" docker version >/dev/null 2>&1 && break; sleep 0.5; done
  DOCKER_HOST="unix://$podman_sock" docker version >/dev/null 2>&1 \
    || { echo "podman system service did not start; see /var/log/conops-test-podman.log" >&2; exit 1; }
fi
if ! $SUDO "$here/podman-test.sh" image exists local/busybox:1; then
  log "loading local/busybox:1 into podman"
  docker save local/busybox:1 | $SUDO "$here/podman-test.sh" load >/dev/null
fi

# --- PostgreSQL -----------------------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing postgresql"
  apt_install postgresql
fi
pgver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  log "starting postgresql $pgver"
  pg_lsclusters -h | grep -q "^$pgver main" || $SUDO pg_createcluster "$pgver" main >/dev/null
  $SUDO pg_ctlcluster "$pgver" main start
fi
psql_admin() { $SUDO runuser -u postgres -- psql -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='conops'")" != 1 ]; then
  psql_admin -c "CREATE ROLE conops LOGIN PASSWORD 'conops'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='conops_test'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE conops_test OWNER conops"
fi

# --- Chromium for UI tests -------------------------------------------------------------------
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  log "installing chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

# --- git, ssh-keygen and gpg for the signed-commit tests ------------------------------------------
if ! command -v git >/dev/null || ! command -v ssh-keygen >/dev/null || ! command -v gpg >/dev/null; then
  log "installing git, openssh-client and gnupg"
  apt_install git openssh-client gnupg
fi

log "ready: $(docker compose version --short 2>/dev/null | sed 's/^/compose /'), engine $(docker version -f '{{.Server.Version}}'), podman $(podman --version | awk '{print $3}'), postgresql $pgver"
