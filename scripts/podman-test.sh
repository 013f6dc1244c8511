#!/usr/bin/env bash
# Runs Debian's podman with the private configuration ConOps' tests use (see TESTING.md): a
# containers.conf that works without systemd and without raising rlimits, and storage of its own
# under CONOPS_TEST_PODMAN_DIR (default /var/lib/conops-test-podman). Every argument goes to podman:
#   scripts/podman-test.sh system service --time=0 unix:///run/conops-test-podman.sock
#   scripts/podman-test.sh ps -a
set -euo pipefail
dir="${CONOPS_TEST_PODMAN_DIR:-/var/lib/conops-test-podman}"
mkdir -p "$dir/storage" "$dir/run" "$dir/tmp"
if ! [ -f "$dir/containers.conf" ]; then
  cat > "$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$dir/events.log"
tmp_dir = "$dir/tmp"
CONF
fi
export CONTAINERS_CONF="$dir/containers.conf"
exec podman --root "$dir/storage" --runroot "$dir/run" "$@"
