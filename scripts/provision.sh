#!/usr/bin/env bash
# Installs and starts what ConOps' tests need on a fresh Debian machine (as root):
# Docker Engine + Compose v2, the local test image, Podman's API service with that image, OpenSSH,
# PostgreSQL with a test role, Chromium.
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

# --- Docker Engine + Compose v2 -------------------------------------------------------------
if ! command -v dockerd >/dev/null 2>&1 || ! [ -x /usr/bin/busybox ]; then
  log "installing docker.io and busybox-static"
  apt_install docker.io busybox-static
fi
if ! docker compose version >/dev/null 2>&1; then
  log "installing the Compose v2 plugin from trixie (pinned low)"
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  echo "deb $mirror trixie main" | $SUDO tee /etc/apt/sources.list.d/trixie.list >/dev/null
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' | $SUDO tee /etc/apt/preferences.d/trixie >/dev/null
  apt_updated=0
  apt_install -t trixie docker-compose
fi
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  $SUDO bash -c 'nohup dockerd > /var/log/dockerd.log 2>&1 &'
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/dockerd.log" >&2; exit 1; }
fi

# --- Local test image (no registry can be reached) -------------------------------------------
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
  $SUDO bash -c "setsid nohup '$here/podman-test.sh' system service --time=0 'unix://$podman_sock' > /var/log/conops-test-podman.log 2>&1 &"
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
